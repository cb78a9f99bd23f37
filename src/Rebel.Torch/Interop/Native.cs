using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>
/// The C ABI of native/rebel_torch. Every call is followed by <see cref="Check"/>, which turns the shim's
/// thread-local last error into a <see cref="TorchException"/> and frees the native string.
/// </summary>
internal static partial class Native
{
    internal const string Lib = "rebel_torch";

    static Native() => NativeLoader.Register(typeof(Native).Assembly);

    internal static void Check()
    {
        var error = rt_take_error();
        if (error == 0) return;
        string message;
        try { message = Marshal.PtrToStringUTF8(error) ?? "unknown native error"; }
        finally { rt_free_string(error); }
        throw new TorchException(TorchException.OneLine(message));
    }

    internal static TensorHandle Checked(TensorHandle handle)
    {
        Check();
        return handle;
    }

    [LibraryImport(Lib)] internal static partial nint rt_take_error();
    [LibraryImport(Lib)] internal static partial void rt_free_string(nint s);

    // tensor.cpp
    [LibraryImport(Lib)] internal static partial void rt_tensor_dispose(nint t);
    [LibraryImport(Lib)] internal static unsafe partial TensorHandle rt_tensor_from_data(void* data, long[] shape, int ndim, int dtype);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_full(long[] shape, int ndim, double value, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_arange(long end, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_randn(long[] shape, int ndim, GeneratorHandle gen, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_rand(long[] shape, int ndim, GeneratorHandle gen, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static unsafe partial int rt_tensor_copy_out(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int rt_tensor_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static partial double rt_tensor_item(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_tensor_dim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_tensor_shape(TensorHandle t, long[] shape, int capacity);
    [LibraryImport(Lib)] internal static partial int rt_tensor_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_tensor_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_tensor_device_index(TensorHandle t);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_clone(TensorHandle t);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tensor_detach(TensorHandle t);

    // ops.cpp: unary
    [LibraryImport(Lib)] internal static partial TensorHandle rt_neg(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_exp(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_log(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_sqrt(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tanh(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_relu(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_gelu(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_sigmoid(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_logsigmoid(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_contiguous(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_sum_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_mean_all(TensorHandle a);

    // ops.cpp: binary and scalar
    [LibraryImport(Lib)] internal static partial TensorHandle rt_add(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_sub(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_maximum(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_eq(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_le(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_embedding(TensorHandle weight, TensorHandle indices);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_add_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_mul_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_div_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_gt_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_pow_scalar(TensorHandle a, double s);

    // ops.cpp: reductions and shapes
    [LibraryImport(Lib)] internal static partial TensorHandle rt_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_log_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_cumsum(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_squeeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_triu(TensorHandle a, long diagonal);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_tril(TensorHandle a, long diagonal);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_sum(TensorHandle a, long[] dims, int n, int keep);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_mean(TensorHandle a, long[] dims, int n, int keep);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_logsumexp(TensorHandle a, long[] dims, int n, int keep);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_argmax(TensorHandle a, long dim, int keep);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_reshape(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_view(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_expand(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_permute(TensorHandle a, long[] dims, int n);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_transpose(TensorHandle a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_narrow(TensorHandle a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_cat(nint[] parts, int n, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_stack(nint[] parts, int n, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_gather(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_masked_fill(TensorHandle a, TensorHandle mask, double value);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_layer_norm(TensorHandle a, long[] shape, int n, nint weight, nint bias, double eps);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_linear(TensorHandle a, TensorHandle weight, nint bias);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_multinomial(TensorHandle probs, long samples, int replacement, GeneratorHandle gen);

    // autograd.cpp
    [LibraryImport(Lib)] internal static partial int rt_set_requires_grad(TensorHandle t, int flag);
    [LibraryImport(Lib)] internal static partial int rt_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_backward(TensorHandle t);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rt_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial int rt_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial double rt_clip_grad_norm(nint[] parameters, int n, double maxNorm);

    // optim.cpp and serialize.cpp
    [LibraryImport(Lib)] internal static partial OptimizerHandle rt_adamw_new(nint[] parameters, int n, double lr, double beta1, double beta2, double eps, double weightDecay);
    [LibraryImport(Lib)] internal static partial void rt_adamw_dispose(nint opt);
    [LibraryImport(Lib)] internal static partial int rt_adamw_step(OptimizerHandle opt);
    [LibraryImport(Lib)] internal static partial int rt_adamw_zero_grad(OptimizerHandle opt, int setToNone);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int rt_adamw_save(OptimizerHandle opt, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int rt_adamw_load(OptimizerHandle opt, string path);

    // device.cpp
    [LibraryImport(Lib)] internal static partial int rt_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int rt_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int rt_cuda_synchronize();
    [LibraryImport(Lib)] internal static partial nint rt_torch_version();
    [LibraryImport(Lib)] internal static partial void rt_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int rt_get_num_threads();
    [LibraryImport(Lib)] internal static partial GeneratorHandle rt_generator_new(ulong seed, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial void rt_generator_dispose(nint gen);
    [LibraryImport(Lib)] internal static partial TensorHandle rt_generator_get_state(GeneratorHandle gen);
    [LibraryImport(Lib)] internal static partial int rt_generator_set_state(GeneratorHandle gen, TensorHandle state);
}
