using Rebel.Torch.Utils;

namespace Rebel.Torch.Distributed;

/// <summary>
/// A c10d process group of libtorch (Gloo on CPU, NCCL on CUDA) joined through a TCP store: the collectives of
/// data-parallel training. Every call blocks until all ranks make it; a rank that died or stalls makes the others'
/// calls fail with a <see cref="TorchException"/> after <see cref="Timeout"/>.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    /// <summary>Gradients are all-reduced in flat buckets of at most this many bytes (PyTorch DDP's default, 25 MiB).</summary>
    public const long DefaultBucketBytes = 25L << 20;

    private readonly ProcessGroupHandle _handle;

    private ProcessGroup(ProcessGroupHandle handle, DistributedEnvironment environment, TimeSpan timeout)
    {
        _handle = handle;
        Environment = environment;
        Timeout = timeout;
    }

    /// <summary>Where this process stands in the job.</summary>
    public DistributedEnvironment Environment { get; }

    /// <summary>How long any call waits for the other ranks before it fails.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>This process's rank.</summary>
    public int Rank => Environment.Rank;

    /// <summary>The number of processes.</summary>
    public int Size => Environment.WorldSize;

    /// <summary>
    /// Joins the group of <paramref name="environment"/> (rank 0 serves the TCP store unless torchrun's agent does);
    /// returns once every rank has joined.
    /// </summary>
    /// <exception cref="TorchException">The store or a peer cannot be reached within <paramref name="timeout"/>, or the backend is not built into the shim.</exception>
    public static ProcessGroup Join(DistributedEnvironment environment, DistributedBackend backend, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var handle = Native.rt_group_new(environment.MasterAddress, environment.MasterPort, environment.Rank, environment.WorldSize,
            environment.AgentStore ? 1 : 0, environment.StorePrefix, (int)backend, (long)timeout.TotalMilliseconds);
        try
        {
            Native.Check();
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        return new ProcessGroup(handle, environment, timeout);
    }

    /// <summary>
    /// Replaces each parameter's gradient by its mean over the ranks (as DDP does), the gradients flattened into
    /// buckets of at most <paramref name="bucketBytes"/> whose reductions all start before the first is awaited. A
    /// parameter without a gradient counts as zeros.
    /// </summary>
    public void AllReduceGradients(IReadOnlyList<Tensor> parameters, long bucketBytes = DefaultBucketBytes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBytes, 1);
        using var pin = new HandleArray(parameters);
        Native.rt_group_all_reduce_grads(_handle, pin.Pointers, pin.Pointers.Length, bucketBytes);
        Native.Check();
    }

    /// <summary>Replaces every tensor, in place, by rank <paramref name="root"/>'s.</summary>
    public void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        using var pin = new HandleArray(tensors);
        Native.rt_group_broadcast(_handle, pin.Pointers, pin.Pointers.Length, root);
        Native.Check();
    }

    /// <summary>Sums <paramref name="values"/> over the ranks, in place.</summary>
    public void AllReduceSum(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Native.rt_group_all_reduce_doubles(_handle, values, values.Length);
        Native.Check();
    }

    /// <summary>Returns once every rank has called it.</summary>
    public void Barrier()
    {
        Native.rt_group_barrier(_handle);
        Native.Check();
    }

    /// <summary>Leaves the group (rank 0 also stops serving the store).</summary>
    public void Dispose() => _handle.Dispose();
}
