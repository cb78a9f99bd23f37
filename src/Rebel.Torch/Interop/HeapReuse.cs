using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>
/// Keeps the memory of freed CPU tensors in the process's heap (glibc's <c>mallopt</c>), so that the next tensor of
/// the same size reuses it. By default glibc maps every block over its threshold (32 MiB at most) afresh and unmaps it
/// when freed, so each training step's large tensors (the logits over a 50,257-token vocabulary: rows × positions ×
/// vocabulary floats) are page-faulted and zeroed by the kernel every time: on GPT-2's vocabulary that was more system
/// time than compute (bench/torch/README.md, "The heap"). The cost is that a process keeps its peak heap until it
/// exits, as PyTorch's caching allocator does on a GPU. <c>REBEL_TORCH_HEAP=system</c> leaves glibc's defaults; another
/// C library is left as it is.
/// </summary>
internal static unsafe class HeapReuse
{
    internal const string EnvironmentVariable = "REBEL_TORCH_HEAP";

    // mallopt's parameters (malloc.h).
    private const int TrimThreshold = -1, MmapMax = -4;

    /// <summary>Applies the setting once per process, before the first tensor; true when glibc took it.</summary>
    public static bool Apply()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) == "system" || !OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "mallopt", out var entry))
            return false;
        var mallopt = (delegate* unmanaged<int, int, int>)entry;
        // No block is mapped on its own (a thread's arena may still map one it cannot hold), and the heap's top is
        // never given back, so that freed blocks stay for the next step's tensors.
        return mallopt(MmapMax, 0) == 1 & mallopt(TrimThreshold, int.MaxValue) == 1;
    }
}
