using DslAe.Torch.Interop;

namespace DslAe.Torch;

// Elementwise arithmetic, comparisons, reductions and in-place updates.
public sealed unsafe partial class Tensor
{
    internal Tensor Unary(UnaryOp op) => From(Native.dslae_unary(op, Handle, out var r), r);

    internal Tensor Binary(BinaryOp op, Tensor other) => From(Native.dslae_binary(op, Handle, other.Handle, out var r), r);

    internal Tensor Binary(BinaryOp op, double scalar) => From(Native.dslae_binary_scalar(op, Handle, scalar, out var r), r);

    public static Tensor operator +(Tensor a, Tensor b) => a.Binary(BinaryOp.Add, b);
    public static Tensor operator +(Tensor a, double b) => a.Binary(BinaryOp.Add, b);
    public static Tensor operator +(double a, Tensor b) => b.Binary(BinaryOp.Add, a);
    public static Tensor operator -(Tensor a, Tensor b) => a.Binary(BinaryOp.Sub, b);
    public static Tensor operator -(Tensor a, double b) => a.Binary(BinaryOp.Sub, b);
    public static Tensor operator -(double a, Tensor b) => b.Binary(BinaryOp.RSub, a);
    public static Tensor operator *(Tensor a, Tensor b) => a.Binary(BinaryOp.Mul, b);
    public static Tensor operator *(Tensor a, double b) => a.Binary(BinaryOp.Mul, b);
    public static Tensor operator *(double a, Tensor b) => b.Binary(BinaryOp.Mul, a);
    public static Tensor operator /(Tensor a, Tensor b) => a.Binary(BinaryOp.Div, b);
    public static Tensor operator /(Tensor a, double b) => a.Binary(BinaryOp.Div, b);
    public static Tensor operator /(double a, Tensor b) => b.Binary(BinaryOp.RDiv, a);
    public static Tensor operator -(Tensor a) => a.Unary(UnaryOp.Neg);

    public Tensor Add(Tensor other) => Binary(BinaryOp.Add, other);
    public Tensor Sub(Tensor other) => Binary(BinaryOp.Sub, other);
    public Tensor Mul(Tensor other) => Binary(BinaryOp.Mul, other);
    public Tensor Div(Tensor other) => Binary(BinaryOp.Div, other);
    public Tensor Pow(double exponent) => Binary(BinaryOp.Pow, exponent);
    public Tensor Pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent);
    public Tensor Matmul(Tensor other) => Binary(BinaryOp.Matmul, other);
    public Tensor Maximum(Tensor other) => Binary(BinaryOp.Maximum, other);
    public Tensor Minimum(Tensor other) => Binary(BinaryOp.Minimum, other);
    public Tensor Remainder(double divisor) => Binary(BinaryOp.Remainder, divisor);

    // Comparisons return Bool tensors (C# == stays reference equality).
    public Tensor Eq(Tensor other) => Binary(BinaryOp.Eq, other);
    public Tensor Eq(double other) => Binary(BinaryOp.Eq, other);
    public Tensor Ne(Tensor other) => Binary(BinaryOp.Ne, other);
    public Tensor Lt(Tensor other) => Binary(BinaryOp.Lt, other);
    public Tensor Lt(double other) => Binary(BinaryOp.Lt, other);
    public Tensor Le(Tensor other) => Binary(BinaryOp.Le, other);
    public Tensor Gt(Tensor other) => Binary(BinaryOp.Gt, other);
    public Tensor Gt(double other) => Binary(BinaryOp.Gt, other);
    public Tensor Ge(Tensor other) => Binary(BinaryOp.Ge, other);

    public Tensor Neg() => Unary(UnaryOp.Neg);
    public Tensor Abs() => Unary(UnaryOp.Abs);
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor Square() => Unary(UnaryOp.Square);
    public Tensor Exp() => Unary(UnaryOp.Exp);
    public Tensor Log() => Unary(UnaryOp.Log);
    public Tensor Log1p() => Unary(UnaryOp.Log1p);
    public Tensor Expm1() => Unary(UnaryOp.Expm1);
    public Tensor Sin() => Unary(UnaryOp.Sin);
    public Tensor Cos() => Unary(UnaryOp.Cos);
    public Tensor Sign() => Unary(UnaryOp.Sign);
    public Tensor Floor() => Unary(UnaryOp.Floor);
    public Tensor Ceil() => Unary(UnaryOp.Ceil);
    public Tensor Round() => Unary(UnaryOp.Round);
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor Relu() => Unary(UnaryOp.Relu);
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor Tanh() => Unary(UnaryOp.Tanh);
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot);
    public Tensor IsNan() => Unary(UnaryOp.IsNan);
    public Tensor IsFinite() => Unary(UnaryOp.IsFinite);
    public Tensor ZerosLike() => Unary(UnaryOp.ZerosLike);
    public Tensor OnesLike() => Unary(UnaryOp.OnesLike);
    public Tensor RandnLike() => Unary(UnaryOp.RandnLike);
    public Tensor RandLike() => Unary(UnaryOp.RandLike);

    /// <summary>Clamps to [min, max]; a null bound is open.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        From(Native.dslae_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, out var r), r);

    /// <summary>Picks this tensor's elements where <paramref name="condition"/> holds, else <paramref name="other"/>'s.</summary>
    public Tensor Where(Tensor condition, Tensor other) =>
        From(Native.dslae_where(condition.Handle, Handle, other.Handle, out var r), r);

    // ---- reductions ----

    public Tensor Sum() => Unary(UnaryOp.SumAll);
    public Tensor Sum(long dim, bool keepdim = false) => Reduce(DimReduction.Sum, [dim], keepdim);
    public Tensor Sum(long[] dims, bool keepdim = false) => Reduce(DimReduction.Sum, dims, keepdim);
    public Tensor Mean() => Unary(UnaryOp.MeanAll);
    public Tensor Mean(long dim, bool keepdim = false) => Reduce(DimReduction.Mean, [dim], keepdim);
    public Tensor Mean(long[] dims, bool keepdim = false) => Reduce(DimReduction.Mean, dims, keepdim);
    public Tensor Max() => Unary(UnaryOp.MaxAll);
    /// <summary>Maximum values along dimensions (PyTorch's amax).</summary>
    public Tensor Amax(long[] dims, bool keepdim = false) => Reduce(DimReduction.Amax, dims, keepdim);
    public Tensor Min() => Unary(UnaryOp.MinAll);
    public Tensor Amin(long[] dims, bool keepdim = false) => Reduce(DimReduction.Amin, dims, keepdim);
    /// <summary>Sample standard deviation (unbiased, as torch.std's default).</summary>
    public Tensor Std() => Unary(UnaryOp.StdAll);
    public Tensor Std(long[] dims, bool keepdim = false) => Reduce(DimReduction.Std, dims, keepdim);
    public Tensor Var() => Unary(UnaryOp.VarAll);
    public Tensor Var(long[] dims, bool keepdim = false) => Reduce(DimReduction.Var, dims, keepdim);
    public Tensor Prod() => Unary(UnaryOp.ProdAll);
    public Tensor All() => Unary(UnaryOp.AllTrue);
    public Tensor Any() => Unary(UnaryOp.AnyTrue);

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor Argmax() => Unary(UnaryOp.ArgmaxAll);
    public Tensor Argmax(long dim, bool keepdim = false) => From(Native.dslae_argmax(Handle, dim, keepdim ? 1 : 0, 0, out var r), r);
    public Tensor Argmin(long dim, bool keepdim = false) => From(Native.dslae_argmax(Handle, dim, keepdim ? 1 : 0, 1, out var r), r);

    private Tensor Reduce(DimReduction op, long[] dims, bool keepdim)
    {
        fixed (long* p = dims) return From(Native.dslae_reduce_dims(op, Handle, p, dims.Length, keepdim ? 1 : 0, out var r), r);
    }

    // ---- in place (return this, like PyTorch) ----

    /// <summary>this += alpha * other.</summary>
    public Tensor Add_(Tensor other, double alpha = 1) => Inplace(InplaceOp.Add, other, alpha);
    public Tensor Add_(double value) => InplaceScalar(InplaceScalarOp.Add, value);
    /// <summary>this -= alpha * other.</summary>
    public Tensor Sub_(Tensor other, double alpha = 1) => Inplace(InplaceOp.Sub, other, alpha);
    public Tensor Sub_(double value) => InplaceScalar(InplaceScalarOp.Sub, value);
    public Tensor Mul_(Tensor other) => Inplace(InplaceOp.Mul, other, 1);
    public Tensor Mul_(double value) => InplaceScalar(InplaceScalarOp.Mul, value);
    public Tensor Div_(Tensor other) => Inplace(InplaceOp.Div, other, 1);
    public Tensor Div_(double value) => InplaceScalar(InplaceScalarOp.Div, value);
    public Tensor Fill_(double value) => InplaceScalar(InplaceScalarOp.Fill, value);
    public Tensor Zero_() => InplaceScalar(InplaceScalarOp.Zero, 0);
    public Tensor ClampMin_(double min) => InplaceScalar(InplaceScalarOp.ClampMin, min);
    public Tensor ClampMax_(double max) => InplaceScalar(InplaceScalarOp.ClampMax, max);
    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcasting, converting dtype and device).</summary>
    public Tensor CopyFrom_(Tensor source) => Inplace(InplaceOp.Copy, source, 1);
    /// <summary>Fills with samples of U(low, high), without recording autograd history.</summary>
    public Tensor Uniform_(double low, double high)
    {
        Native.Check(Native.dslae_uniform_(Handle, low, high));
        return this;
    }
    /// <summary>Fills with samples of N(mean, std²), without recording autograd history.</summary>
    public Tensor Normal_(double mean = 0, double std = 1)
    {
        Native.Check(Native.dslae_normal_(Handle, mean, std));
        return this;
    }

    private Tensor Inplace(InplaceOp op, Tensor other, double alpha)
    {
        Native.Check(Native.dslae_inplace(op, Handle, other.Handle, alpha));
        return this;
    }

    private Tensor InplaceScalar(InplaceScalarOp op, double value)
    {
        Native.Check(Native.dslae_inplace_scalar(op, Handle, value));
        return this;
    }
}
