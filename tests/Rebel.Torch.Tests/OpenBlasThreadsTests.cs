using System.Runtime.InteropServices;

namespace Rebel.Torch.Tests;

public class OpenBlasThreadsTests
{
    public OpenBlasThreadsTests() => NativeShim.Ensure();

    [Fact]
    public void TorchThreadsCapsOpenBlasWhereItIsLibtorchsBlas()
    {
        _ = Torch.Version; // loads the shim, and with it libtorch and its BLAS
        if (!NativeLibrary.TryLoad("libblas.so.3", out var blas) || !NativeLibrary.TryGetExport(blas, "openblas_get_num_threads", out var get))
        {
            // Only where the BLAS is not OpenBLAS (CI selects OpenBLAS, so there this test asserts).
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI runs libtorch on OpenBLAS");
            return;
        }
        var threads = Marshal.GetDelegateForFunctionPointer<GetThreads>(get);
        int before = Torch.Threads;
        try
        {
            Torch.Threads = 1;
            Assert.Equal(1, threads());
            Torch.Threads = 2;
            Assert.Equal(Math.Min(2, Environment.ProcessorCount), threads());
        }
        finally
        {
            Torch.Threads = before;
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetThreads();
}
