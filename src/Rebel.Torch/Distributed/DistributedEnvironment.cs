using System.Globalization;

namespace Rebel.Torch.Distributed;

/// <summary>
/// Where this process stands in a data-parallel job, read from the variables its launcher sets: <c>torchrun</c>'s
/// <c>RANK</c>, <c>WORLD_SIZE</c>, <c>LOCAL_RANK</c>, <c>MASTER_ADDR</c>, <c>MASTER_PORT</c> (and, when torchrun's
/// agent hosts the store, <c>TORCHELASTIC_USE_AGENT_STORE</c> and <c>TORCHELASTIC_RESTART_COUNT</c>), or Slurm's
/// <c>SLURM_PROCID</c>, <c>SLURM_NTASKS</c>, <c>SLURM_LOCALID</c> under <c>srun</c> (with <c>MASTER_ADDR</c> and
/// <c>MASTER_PORT</c> from the job script). torchrun's variables win when both are set.
/// </summary>
/// <param name="Rank">This process's rank, 0..WorldSize−1.</param>
/// <param name="WorldSize">Processes in the job.</param>
/// <param name="LocalRank">Rank on this node (the GPU index for NCCL).</param>
/// <param name="MasterAddress">Host of the TCP store (rank 0's, or torchrun's agent's).</param>
/// <param name="MasterPort">Port of the TCP store.</param>
/// <param name="AgentStore">Whether torchrun's agent hosts the store (every rank is a client, keys under <see cref="StorePrefix"/>).</param>
/// <param name="StorePrefix">The store's key prefix, torchrun's <c>/worker/attempt_N</c>, or empty.</param>
public sealed record DistributedEnvironment(int Rank, int WorldSize, int LocalRank, string MasterAddress, int MasterPort, bool AgentStore = false, string StorePrefix = "")
{
    /// <summary>One process alone: rank 0 of 1.</summary>
    public static DistributedEnvironment Single { get; } = new(0, 1, 0, "127.0.0.1", 29500);

    /// <summary>Whether more than one process takes part.</summary>
    public bool IsDistributed => WorldSize > 1;

    /// <summary>
    /// The job this process belongs to, from <paramref name="variables"/> (the process's environment when null);
    /// <see cref="Single"/> when no launcher's variables are set.
    /// </summary>
    /// <exception cref="FormatException">A variable is set but malformed or inconsistent; the message names it and its value.</exception>
    public static DistributedEnvironment Read(Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        string? Var(string name) => variables(name) is { Length: > 0 } v ? v : null;
        var (rankName, sizeName, localName) = Var("WORLD_SIZE") is not null ? ("RANK", "WORLD_SIZE", "LOCAL_RANK")
            : Var("SLURM_NTASKS") is not null ? ("SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID")
            : (null, null, null);
        if (sizeName is null)
            return Single;
        int size = Integer(sizeName, Var(sizeName), 1, int.MaxValue);
        int rank = Integer(rankName!, Var(rankName!) ?? throw new FormatException($"{sizeName} is set but {rankName} is not"), 0, size - 1);
        int local = Var(localName!) is { } l ? Integer(localName!, l, 0, size - 1) : rank;
        if (size == 1)
            return Single with { Rank = 0, LocalRank = local };
        string address = Var("MASTER_ADDR") ?? throw new FormatException($"{sizeName}={size} but MASTER_ADDR is not set (the host of rank 0's store)");
        int port = Integer("MASTER_PORT", Var("MASTER_PORT") ?? throw new FormatException($"{sizeName}={size} but MASTER_PORT is not set"), 1, 65535);
        bool agent = Var("TORCHELASTIC_USE_AGENT_STORE") == "True";
        string prefix = agent ? $"/worker/attempt_{Var("TORCHELASTIC_RESTART_COUNT") ?? "0"}" : "";
        return new DistributedEnvironment(rank, size, local, address, port, agent, prefix);
    }

    private static int Integer(string name, string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max ? v
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name}={text}: must be an integer from {min} to {max}"));
}
