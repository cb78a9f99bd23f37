using Rebel.Cli.Tests.Utils;
using Rebel.Torch.Tests;

namespace Rebel.Cli.Tests.Neural;

/// <summary><c>--device cuda</c> where libtorch sees no GPU is a user error: one line, exit 2, no run directory.</summary>
public class DeviceFlagTests
{
    [Fact]
    public void CudaWithoutAGpuIsOneLineAndExitTwo()
    {
        NativeShim.Ensure();
        if (Torch.Torch.CudaAvailable) return; // a GPU machine takes the flag; the case needs a machine without one
        using var dir = new TempDirectory();
        var run = RebelProcess.Run(dir.Path, "selfplay", "--policy", "neural", "--pref-model", "seq-majority:vocab=3,length=2",
            "--device", "cuda", "--iterations", "2", "--out", dir["run"]);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["rebel: --device cuda: libtorch sees no CUDA device (a CPU-only build or no GPU); use the device cpu or build the shim against a CUDA libtorch (native/README.md)"], lines);
        Assert.False(File.Exists(Path.Combine(dir["run"], "metrics.jsonl")));
    }
}
