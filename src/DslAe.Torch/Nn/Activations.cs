namespace DslAe.Torch.Nn;

/// <summary>An activation function as a module (no parameters), for <see cref="Sequential"/>.</summary>
public sealed class Activation(string name, Func<Tensor, Tensor> function) : Module<Tensor, Tensor>
{
    public string Name { get; } = name;

    public override Tensor Forward(Tensor input) => function(input);

    public override string ToString() => Name;

    public static Activation Relu() => new("ReLU", Functional.Relu);
    public static Activation Sigmoid() => new("Sigmoid", Functional.Sigmoid);
    public static Activation Tanh() => new("Tanh", Functional.Tanh);
    public static Activation Silu() => new("SiLU", Functional.Silu);
    public static Activation Gelu() => new("GELU", x => Functional.Gelu(x));
    public static Activation LeakyRelu(double negativeSlope = 0.01) => new("LeakyReLU", x => Functional.LeakyRelu(x, negativeSlope));
    public static Activation Elu(double alpha = 1.0) => new("ELU", x => Functional.Elu(x, alpha));
    public static Activation Flatten(long startDim = 1) => new("Flatten", x => x.Flatten(startDim));
}
