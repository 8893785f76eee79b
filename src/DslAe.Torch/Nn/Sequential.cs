namespace DslAe.Torch.Nn;

/// <summary>Applies its modules in order; they are registered as "0", "1", ... like torch.nn.Sequential.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) Add(m);
    }

    public Sequential Add(Module<Tensor, Tensor> module)
    {
        layers.Add(RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    public int Count => layers.Count;

    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>Intermediate results are freed as soon as the next layer has used them.</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var next = layer.Forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return x;
    }
}
