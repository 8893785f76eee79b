using DslAe.Torch.Interop;

namespace DslAe.Torch;

public enum InterpolationMode { Nearest = 0, Bilinear = 1, Bicubic = 2 }

public enum PaddingMode { Constant = 0, Reflect = 1, Replicate = 2, Circular = 3 }

/// <summary>torch.nn.functional: layers as functions of tensors. Losses are in Functional.Losses.cs.</summary>
public static unsafe partial class Functional
{
    // ---- convolution ----

    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, long groups = 1)
    {
        long* s = stackalloc[] { stride.H, stride.W };
        long* p = stackalloc[] { padding.H, padding.W };
        long* d = stackalloc[] { dilation.H, dilation.W };
        return Tensor.From(Native.dslae_conv2d(input.Handle, weight.Handle, Tensor.HandleOf(bias), s, p, d, groups, out var r), r);
    }

    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, long dilation = 1) =>
        ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), groups, (dilation, dilation));

    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (long H, long W) stride, (long H, long W) padding, (long H, long W) outputPadding, long groups, (long H, long W) dilation)
    {
        long* s = stackalloc[] { stride.H, stride.W };
        long* p = stackalloc[] { padding.H, padding.W };
        long* o = stackalloc[] { outputPadding.H, outputPadding.W };
        long* d = stackalloc[] { dilation.H, dilation.W };
        return Tensor.From(Native.dslae_conv_transpose2d(input.Handle, weight.Handle, Tensor.HandleOf(bias), s, p, o, groups, d, out var r), r);
    }

    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Tensor.From(Native.dslae_linear(input.Handle, weight.Handle, Tensor.HandleOf(bias), out var r), r);

    // ---- pooling ----

    /// <summary>Max pooling returning the flat per-plane indices MaxUnpool2d needs. Stride defaults to the kernel.</summary>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, long kernel, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false) =>
        MaxPool2dWithIndices(input, (kernel, kernel), Square(stride ?? kernel), (padding, padding), (dilation, dilation), ceilMode);

    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, bool ceilMode = false)
    {
        long* k = stackalloc[] { kernel.H, kernel.W };
        long* s = stackalloc[] { stride.H, stride.W };
        long* p = stackalloc[] { padding.H, padding.W };
        long* d = stackalloc[] { dilation.H, dilation.W };
        Native.Check(Native.dslae_max_pool2d_with_indices(input.Handle, k, s, p, d, ceilMode ? 1 : 0, out var output, out var indices));
        return (new Tensor(output), new Tensor(indices));
    }

    public static Tensor MaxPool2d(Tensor input, long kernel, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false) =>
        MaxPool2d(input, (kernel, kernel), Square(stride ?? kernel), (padding, padding), (dilation, dilation), ceilMode);

    public static Tensor MaxPool2d(Tensor input, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, bool ceilMode = false)
    {
        long* k = stackalloc[] { kernel.H, kernel.W };
        long* s = stackalloc[] { stride.H, stride.W };
        long* p = stackalloc[] { padding.H, padding.W };
        long* d = stackalloc[] { dilation.H, dilation.W };
        return Tensor.From(Native.dslae_max_pool2d(input.Handle, k, s, p, d, ceilMode ? 1 : 0, out var r), r);
    }

    /// <summary>Scatters <paramref name="input"/> to the positions in <paramref name="indices"/> of a zero (H, W) plane.</summary>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, (long H, long W) outputSize)
    {
        long* o = stackalloc[] { outputSize.H, outputSize.W };
        return Tensor.From(Native.dslae_max_unpool2d(input.Handle, indices.Handle, o, out var r), r);
    }

    /// <summary>Max unpooling with PyTorch's default output size (in - 1) * stride - 2 * padding + kernel.</summary>
    public static Tensor MaxUnpool2d(Tensor input, Tensor indices, long kernel, long? stride = null, long padding = 0)
    {
        var s = stride ?? kernel;
        var shape = input.Shape;
        return MaxUnpool2d(input, indices, ((shape[^2] - 1) * s - 2 * padding + kernel, (shape[^1] - 1) * s - 2 * padding + kernel));
    }

    public static Tensor AvgPool2d(Tensor input, long kernel, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true) =>
        AvgPool2d(input, (kernel, kernel), Square(stride ?? kernel), (padding, padding), ceilMode, countIncludePad);

    public static Tensor AvgPool2d(Tensor input, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding, bool ceilMode = false, bool countIncludePad = true)
    {
        long* k = stackalloc[] { kernel.H, kernel.W };
        long* s = stackalloc[] { stride.H, stride.W };
        long* p = stackalloc[] { padding.H, padding.W };
        return Tensor.From(Native.dslae_avg_pool2d(input.Handle, k, s, p, ceilMode ? 1 : 0, countIncludePad ? 1 : 0, out var r), r);
    }

    public static Tensor AdaptiveAvgPool2d(Tensor input, long outputSize) => AdaptiveAvgPool2d(input, (outputSize, outputSize));

    public static Tensor AdaptiveAvgPool2d(Tensor input, (long H, long W) outputSize)
    {
        long* o = stackalloc[] { outputSize.H, outputSize.W };
        return Tensor.From(Native.dslae_adaptive_avg_pool2d(input.Handle, o, out var r), r);
    }

    // ---- resampling ----

    /// <summary>Resamples a (N, C, H, W) tensor to <paramref name="size"/>.</summary>
    public static Tensor Interpolate(Tensor input, (long H, long W) size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        long* s = stackalloc[] { size.H, size.W };
        double* scale = stackalloc[] { 0.0, 0.0 };
        return Tensor.From(Native.dslae_interpolate(input.Handle, s, 1, scale, (int)mode, alignCorners ? 1 : 0, out var r), r);
    }

    /// <summary>Resamples by a scale factor: output size floor(in * scale), the scale given to the kernel as F.interpolate does.</summary>
    public static Tensor Interpolate(Tensor input, double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false) =>
        Interpolate(input, (scaleFactor, scaleFactor), mode, alignCorners);

    public static Tensor Interpolate(Tensor input, (double H, double W) scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        long* s = stackalloc[] { 0L, 0L };
        double* scale = stackalloc[] { scaleFactor.H, scaleFactor.W };
        return Tensor.From(Native.dslae_interpolate(input.Handle, s, 0, scale, (int)mode, alignCorners ? 1 : 0, out var r), r);
    }

    /// <summary>(N, C·r², H, W) → (N, C, H·r, W·r).</summary>
    public static Tensor PixelShuffle(Tensor input, long upscaleFactor) =>
        Tensor.From(Native.dslae_pixel_shuffle(input.Handle, upscaleFactor, 0, out var r), r);

    /// <summary>(N, C, H·r, W·r) → (N, C·r², H, W).</summary>
    public static Tensor PixelUnshuffle(Tensor input, long downscaleFactor) =>
        Tensor.From(Native.dslae_pixel_shuffle(input.Handle, downscaleFactor, 1, out var r), r);

    /// <summary>Pads the last two dimensions (F.pad with (left, right, top, bottom)).</summary>
    public static Tensor Pad(Tensor input, long left, long right, long top, long bottom, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        long* p = stackalloc[] { left, right, top, bottom };
        return Tensor.From(Native.dslae_pad(input.Handle, p, (int)mode, value, out var r), r);
    }

    // ---- normalisation and dropout ----

    /// <summary>Batch normalisation; in training mode the running statistics (when given) are updated in place.</summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        Tensor.From(Native.dslae_batch_norm(input.Handle, Tensor.HandleOf(runningMean), Tensor.HandleOf(runningVar), Tensor.HandleOf(weight), Tensor.HandleOf(bias), training ? 1 : 0, momentum, eps, out var r), r);

    public static Tensor GroupNorm(Tensor input, long numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        Tensor.From(Native.dslae_group_norm(input.Handle, numGroups, Tensor.HandleOf(weight), Tensor.HandleOf(bias), eps, out var r), r);

    public static Tensor LayerNorm(Tensor input, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        fixed (long* s = normalizedShape)
            return Tensor.From(Native.dslae_layer_norm(input.Handle, s, normalizedShape.Length, Tensor.HandleOf(weight), Tensor.HandleOf(bias), eps, out var r), r);
    }

    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true) =>
        Tensor.From(Native.dslae_dropout(input.Handle, p, training ? 1 : 0, out var r), r);

    // ---- activations ----

    public static Tensor Relu(Tensor input) => input.Unary(UnaryOp.Relu);
    public static Tensor Sigmoid(Tensor input) => input.Unary(UnaryOp.Sigmoid);
    public static Tensor Tanh(Tensor input) => input.Unary(UnaryOp.Tanh);
    public static Tensor Silu(Tensor input) => input.Unary(UnaryOp.Silu);
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01) => Activation(ActivationKind.LeakyRelu, input, negativeSlope);
    public static Tensor Elu(Tensor input, double alpha = 1.0) => Activation(ActivationKind.Elu, input, alpha);
    /// <summary>GELU, exact (erf) or with the tanh approximation.</summary>
    public static Tensor Gelu(Tensor input, bool tanhApproximation = false) => Activation(tanhApproximation ? ActivationKind.GeluTanh : ActivationKind.Gelu, input);
    public static Tensor Hardtanh(Tensor input, double min = -1, double max = 1) => Activation(ActivationKind.Hardtanh, input, min, max);
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20) => Activation(ActivationKind.Softplus, input, beta, threshold);
    public static Tensor Softmax(Tensor input, long dim) => Activation(ActivationKind.Softmax, input, dim);
    public static Tensor LogSoftmax(Tensor input, long dim) => Activation(ActivationKind.LogSoftmax, input, dim);

    private static Tensor Activation(ActivationKind kind, Tensor input, double a = 0, double b = 0) =>
        Tensor.From(Native.dslae_activation(kind, input.Handle, a, b, out var r), r);

    private static (long, long) Square(long value) => (value, value);
}
