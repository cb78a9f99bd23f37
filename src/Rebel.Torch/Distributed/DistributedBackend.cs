namespace Rebel.Torch.Distributed;

/// <summary>The c10d backend a <see cref="ProcessGroup"/> communicates through.</summary>
public enum DistributedBackend
{
    /// <summary>Gloo: CPU tensors, TCP between processes; built into Debian's libtorch.</summary>
    Gloo = 0,

    /// <summary>NCCL: CUDA tensors, one GPU per rank; only in a shim built against a CUDA PyTorch (scripts/gpu/).</summary>
    Nccl = 1,
}
