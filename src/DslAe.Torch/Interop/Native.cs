using System.Runtime.InteropServices;

namespace DslAe.Torch.Interop;

/// <summary>
/// The C ABI of native/*.cpp. Every function returning int is a status: 0 = success, otherwise the
/// message is in dslae_last_error() and <see cref="Check"/> throws it as a <see cref="TorchException"/>.
/// </summary>
internal static unsafe partial class Native
{
    private const string Lib = NativeLoader.LibraryName;

    // An explicit static constructor runs before the first native call, so the resolver that
    // explains load failures is always in place.
    static Native() => NativeLoader.Install(typeof(Native).Assembly);

    public static void Check(int status)
    {
        if (status != 0) throw new TorchException(Marshal.PtrToStringUTF8(dslae_last_error()) ?? "unknown libtorch error");
    }

    [LibraryImport(Lib)] public static partial IntPtr dslae_last_error();

    // tensor.cpp
    [LibraryImport(Lib)] public static partial void dslae_tensor_free(IntPtr t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_from_data(void* data, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_copy_to(TensorHandle t, int dtype, void* dst, long capacityBytes);
    [LibraryImport(Lib)] public static partial int dslae_tensor_dim(TensorHandle t);
    [LibraryImport(Lib)] public static partial void dslae_tensor_sizes(TensorHandle t, long* result);
    [LibraryImport(Lib)] public static partial long dslae_tensor_numel(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_dtype(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_device_type(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_device_index(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_is_leaf(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_set_requires_grad(TensorHandle t, int on);
    [LibraryImport(Lib)] public static partial int dslae_tensor_backward(TensorHandle t, TensorHandle gradient, int retainGraph);
    [LibraryImport(Lib)] public static partial int dslae_tensor_grad(TensorHandle t, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_clear_grad(TensorHandle t);
    [LibraryImport(Lib)] public static partial int dslae_tensor_set_data(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] public static partial int dslae_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_reshape(TensorHandle t, long* shape, int n, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_view(TensorHandle t, long* shape, int n, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_permute(TensorHandle t, long* order, int n, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_expand(TensorHandle t, long* shape, int n, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_flatten(TensorHandle t, long start, long end, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_unflatten(TensorHandle t, long dim, long* sizes, int n, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_squeeze(TensorHandle t, long dim, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_unsqueeze(TensorHandle t, long dim, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_slice(TensorHandle t, long dim, long start, long end, int hasEnd, long step, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_narrow(TensorHandle t, long dim, long start, long length, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_select(TensorHandle t, long dim, long index, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_transpose(TensorHandle t, long a, long b, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_index_select(TensorHandle t, long dim, TensorHandle index, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_tensor_cat(IntPtr* items, int n, long dim, int stack, out IntPtr result);

    // ops.cpp
    [LibraryImport(Lib)] public static partial int dslae_unary(UnaryOp op, TensorHandle x, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_binary(BinaryOp op, TensorHandle a, TensorHandle b, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_binary_scalar(BinaryOp op, TensorHandle a, double s, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_inplace(InplaceOp op, TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] public static partial int dslae_inplace_scalar(InplaceScalarOp op, TensorHandle a, double s);
    [LibraryImport(Lib)] public static partial int dslae_reduce_dims(DimReduction op, TensorHandle x, long* dims, int n, int keepdim, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_argmax(TensorHandle x, long dim, int keepdim, int isMin, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_clamp(TensorHandle x, double min, int hasMin, double max, int hasMax, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_where(TensorHandle condition, TensorHandle a, TensorHandle b, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_create(CreateKind kind, long* shape, int n, double value, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_randperm(long n, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_randint(long low, long high, long* shape, int n, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_normal(double mean, double std, long* shape, int n, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_bernoulli(TensorHandle p, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_uniform_(TensorHandle t, double low, double high);
    [LibraryImport(Lib)] public static partial int dslae_normal_(TensorHandle t, double mean, double std);

    // functional.cpp
    [LibraryImport(Lib)] public static partial int dslae_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, long* stride, long* padding, long* dilation, long groups, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_conv_transpose2d(TensorHandle x, TensorHandle w, TensorHandle b, long* stride, long* padding, long* outputPadding, long groups, long* dilation, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_max_pool2d_with_indices(TensorHandle x, long* kernel, long* stride, long* padding, long* dilation, int ceilMode, out IntPtr result, out IntPtr indices);
    [LibraryImport(Lib)] public static partial int dslae_max_pool2d(TensorHandle x, long* kernel, long* stride, long* padding, long* dilation, int ceilMode, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_max_unpool2d(TensorHandle x, TensorHandle indices, long* outputSize, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_avg_pool2d(TensorHandle x, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_adaptive_avg_pool2d(TensorHandle x, long* outputSize, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_interpolate(TensorHandle x, long* size, int hasSize, double* scale, int mode, int alignCorners, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_pixel_shuffle(TensorHandle x, long factor, int inverse, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_pad(TensorHandle x, long* pads, int mode, double value, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_linear(TensorHandle x, TensorHandle w, TensorHandle b, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_batch_norm(TensorHandle x, TensorHandle runningMean, TensorHandle runningVar, TensorHandle weight, TensorHandle bias, int training, double momentum, double eps, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_group_norm(TensorHandle x, long groups, TensorHandle weight, TensorHandle bias, double eps, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_layer_norm(TensorHandle x, long* shape, int n, TensorHandle weight, TensorHandle bias, double eps, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_dropout(TensorHandle x, double p, int training, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_activation(ActivationKind kind, TensorHandle x, double a, double b, out IntPtr result);
    [LibraryImport(Lib)] public static partial int dslae_loss(LossKind kind, TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle extra, int reduction, double a, long index, out IntPtr result);

    // optim.cpp
    [LibraryImport(Lib)] public static partial int dslae_sgd_step(TensorHandle param, TensorHandle grad, ref IntPtr momentumBuffer, double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);
    [LibraryImport(Lib)] public static partial int dslae_adam_step(TensorHandle param, TensorHandle grad, TensorHandle expAvg, TensorHandle expAvgSq, TensorHandle maxExpAvgSq, long step, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled, int maximize);

    // runtime.cpp
    [LibraryImport(Lib)] public static partial IntPtr dslae_libtorch_version();
    [LibraryImport(Lib)] public static partial int dslae_built_with_cuda();
    [LibraryImport(Lib)] public static partial int dslae_set_num_threads(int n);
    [LibraryImport(Lib)] public static partial int dslae_get_num_threads();
    [LibraryImport(Lib)] public static partial int dslae_manual_seed(ulong seed);
    [LibraryImport(Lib)] public static partial int dslae_set_grad_enabled(int on);
    [LibraryImport(Lib)] public static partial int dslae_is_grad_enabled();
    [LibraryImport(Lib)] public static partial int dslae_cuda_device_count();
    [LibraryImport(Lib)] public static partial int dslae_cuda_empty_cache();
}
