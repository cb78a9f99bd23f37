using System.Runtime.InteropServices;
using Rebel.Torch.Interop;

namespace Rebel.Torch;

/// <summary>Process-wide libtorch settings: devices, threads, global seed, grad mode.</summary>
public static class Torch
{
    /// <summary>The libtorch version the shim was built against, e.g. <c>1.13.0</c>.</summary>
    public static string Version
    {
        get
        {
            var p = Native.rt_torch_version();
            return Marshal.PtrToStringUTF8(p) ?? "";
        }
    }

    /// <summary>Whether libtorch can use a CUDA device (false for a CPU-only build).</summary>
    public static bool CudaAvailable => Native.rt_cuda_is_available() != 0;

    /// <summary>The number of CUDA devices libtorch sees.</summary>
    public static int CudaDeviceCount => Native.rt_cuda_device_count();

    /// <summary>Waits for all queued CUDA work (for timing); a no-op on CPU.</summary>
    public static void Synchronize()
    {
        Native.rt_cuda_synchronize();
        Native.Check();
    }

    /// <summary>The number of intra-op threads libtorch uses on the CPU; setting it caps OpenBLAS's pool too, where OpenBLAS is libtorch's BLAS.</summary>
    public static int Threads
    {
        get => Native.rt_get_num_threads();
        set
        {
            Native.rt_set_num_threads(value);
            OpenBlasThreads.TryCap(value);
        }
    }

    /// <summary>Whether operations on this thread are recorded for autograd.</summary>
    public static bool GradEnabled => Native.rt_is_grad_enabled() != 0;

    /// <summary>Disables autograd on this thread until the returned scope is disposed (then restores the previous mode).</summary>
    public static GradScope NoGrad() => new(enabled: false);

    /// <summary>Scales the gradients of <paramref name="parameters"/> so their joint 2-norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static double ClipGradNorm(IReadOnlyList<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var pin = new HandleArray(parameters);
        var norm = Native.rt_clip_grad_norm(pin.Pointers, pin.Pointers.Length, maxNorm);
        Native.Check();
        return norm;
    }
}
