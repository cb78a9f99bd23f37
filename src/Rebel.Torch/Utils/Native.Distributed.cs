using System.Runtime.InteropServices;

namespace Rebel.Torch.Utils;

// distributed.cpp: c10d's process group (Rebel.Torch.Distributed.ProcessGroup).
internal static partial class Native
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ProcessGroupHandle rt_group_new(string host, int port, int rank, int world, int agentStore, string prefix, int backend, long timeoutMs);
    [LibraryImport(Lib)] internal static partial void rt_group_dispose(nint g);
    [LibraryImport(Lib)] internal static partial int rt_group_rank(ProcessGroupHandle g);
    [LibraryImport(Lib)] internal static partial int rt_group_size(ProcessGroupHandle g);
    [LibraryImport(Lib)] internal static partial int rt_group_all_reduce_grads(ProcessGroupHandle g, nint[] parameters, int n, long bucketBytes);
    [LibraryImport(Lib)] internal static partial int rt_group_broadcast(ProcessGroupHandle g, nint[] tensors, int n, int root);
    [LibraryImport(Lib)] internal static partial int rt_group_all_reduce_doubles(ProcessGroupHandle g, double[] values, int n);
    [LibraryImport(Lib)] internal static partial int rt_group_barrier(ProcessGroupHandle g);
}
