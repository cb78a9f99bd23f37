using System.Globalization;

namespace Rebel.Runs;

/// <summary>
/// One of <see cref="Count"/> deterministic parts of a sweep (<c>rebel sweep --shard i/N</c>), so that N processes —
/// a Slurm job array's tasks — run a sweep into one shared directory. Run directories are the unit of work: the
/// plan's k-th run belongs to shard k mod N, so every run belongs to exactly one shard, the shards depend only on the
/// plan (not on what is already done), and neighbouring grid points and seeds, which tend to cost alike, spread
/// evenly over the shards.
/// </summary>
/// <param name="Index">Which shard, 0..Count−1.</param>
/// <param name="Count">How many shards, at least 1.</param>
public sealed record SweepShard(int Index, int Count)
{
    /// <summary>The most shards a sweep may be cut into (<see cref="Sweep.MaxRuns"/>, one run each).</summary>
    public const int MaxCount = Sweep.MaxRuns;

    /// <summary>Whether the plan's <paramref name="point"/>-th run is this shard's.</summary>
    public bool Owns(int point) => point % Count == Index;

    /// <summary>
    /// Reads <c>i/N</c> (0 ≤ i &lt; N ≤ <see cref="MaxCount"/>, decimal integers).
    /// </summary>
    /// <exception cref="FormatException">The text is not such a pair; the message says what is wrong.</exception>
    public static SweepShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new FormatException($"'{text}' is not i/N (the shard's index from 0 and the number of shards, e.g. 0/4)");
        if (count < 1 || count > MaxCount)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}': the number of shards must be 1 to {MaxCount}, not {count}"));
        if (index >= count)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}': the index must be 0 to {count - 1} (shards count from 0), not {index}"));
        return new SweepShard(index, count);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
