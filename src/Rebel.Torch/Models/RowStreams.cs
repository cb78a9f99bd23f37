namespace Rebel.Torch.Models;

/// <summary>
/// Counter-based uniforms, one stream per row of a batch: the uniform of row r at step s is a hash of the row's key
/// and s (SplitMix64's finaliser), with no state. A row keyed alike therefore draws the same tokens in whatever batch,
/// on whatever rank, it is generated — which is what lets data-parallel ranks each generate only their own rows and
/// still draw what one process draws (docs/distributed.md).
/// </summary>
public sealed class RowStreams
{
    private readonly ulong[] _keys;

    // Streams keyed by `keys`, one per row (For and Select make the keys).
    private RowStreams(ulong[] keys) => _keys = keys;

    /// <summary>
    /// Streams for rows <paramref name="rows"/> of a family keyed by <paramref name="family"/>: row r's key depends on
    /// the family and r only, so a row keeps its stream when it is generated apart from the others.
    /// </summary>
    public static RowStreams For(ulong family, IReadOnlyList<long> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new ulong[rows.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = Mix(family ^ Mix(unchecked((ulong)rows[i] + 0x632BE59BD9B4E019)));
        return new RowStreams(keys);
    }

    /// <summary>The number of rows.</summary>
    public int Count => _keys.Length;

    /// <summary>Uniform in [0, 1) of row <paramref name="row"/> at step <paramref name="step"/> (53 random bits).</summary>
    public double Uniform(int row, int step) => (Mix(unchecked(_keys[row] + (ulong)(step + 1) * 0x9E3779B97F4A7C15)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Every row's uniform at step <paramref name="step"/>.</summary>
    public double[] Uniforms(int step)
    {
        var u = new double[_keys.Length];
        for (var r = 0; r < u.Length; r++) u[r] = Uniform(r, step);
        return u;
    }

    /// <summary>The streams of the rows <paramref name="rows"/> (indices into this), in that order.</summary>
    public RowStreams Select(IReadOnlyList<long> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new ulong[rows.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = _keys[rows[i]];
        return new RowStreams(keys);
    }

    // SplitMix64's output function: a bijection of 64-bit words whose outputs pass BigCrush for counter inputs.
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return z ^ (z >> 31);
    }
}
