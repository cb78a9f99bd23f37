using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>
/// Caps OpenBLAS's own thread pool where OpenBLAS is the BLAS libtorch links (Debian's libtorch with the OpenBLAS
/// alternative): libtorch's <c>set_num_threads</c> does not reach it, and its idle threads spin in <c>sched_yield</c>
/// beside libtorch's (26 % of a neural run's CPU samples before this cap). A BLAS without the entry point (the
/// reference BLAS, MKL) is left as it is.
/// </summary>
internal static unsafe class OpenBlasThreads
{
    // The names the OpenBLAS library goes by when it is libtorch's BLAS (Debian's alternative, or linked directly).
    private static readonly string[] Libraries = ["libblas.so.3", "libopenblas.so.0"];

    private static readonly Lazy<nint> SetThreads = new(Find);

    /// <summary>Whether OpenBLAS is loaded in this process and was capped.</summary>
    public static bool TryCap(int threads)
    {
        nint set = SetThreads.Value;
        if (set == 0)
            return false;
        ((delegate* unmanaged<int, void>)set)(threads);
        return true;
    }

    private static nint Find()
    {
        foreach (var name in Libraries)
            if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var set))
                return set;
        return 0;
    }
}
