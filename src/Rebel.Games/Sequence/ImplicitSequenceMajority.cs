using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Sequence;

/// <summary>
/// A <c>seq-majority</c> context judged exactly without its dense n × n matrix, for V^L up to
/// <see cref="MaxResponses"/>. The majority vote does not decompose over annotators (a sign of a sum of signs), but
/// <c>P(y ≻ y')</c> depends on y and y' only through their utility vectors, and those are functions of the features
/// (token counts, repeats, rises), so few are distinct: with the m distinct vectors as groups,
/// <c>r(y) = Σ_g P(g(y) ≻ g) π(g)</c> where <c>π(g)</c> sums π over the group. That is an m × m evaluation
/// (<see cref="BlockedWinRate"/> over <see cref="MajorityPreferenceKernel"/>) plus O(n) to sum and spread.
/// </summary>
public sealed class ImplicitSequenceMajority : IWinRateKernel
{
    /// <summary>The largest V^L this evaluation builds (its memory is O(n · (features + annotators))).</summary>
    public const int MaxResponses = 1 << 20;

    private readonly int[] _groupOf;
    private readonly MajorityPreferenceKernel _groups;
    private readonly DenseMatrix _utilities;

    /// <summary>The evaluation of the sequences of <paramref name="space"/> with utilities <paramref name="utilities"/> [V^L × A].</summary>
    public ImplicitSequenceMajority(SequenceSpace space, DenseMatrix utilities)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(utilities);
        if (utilities.RowCount != space.Count)
            throw new ArgumentException($"utilities have {utilities.RowCount} rows, the space has {space.Count} sequences", nameof(utilities));
        Space = space;
        _utilities = utilities;
        int n = space.Count, annotators = utilities.ColumnCount;
        // Bitwise-equal utility rows form a group; equal features give bitwise-equal rows (same arithmetic).
        var values = utilities.Values;
        var first = new Dictionary<int, int>(new RowComparer(values, n, annotators));
        var representatives = new List<int>();
        _groupOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!first.TryGetValue(i, out var g))
            {
                g = representatives.Count;
                first.Add(i, g);
                representatives.Add(i);
            }
            _groupOf[i] = g;
        }
        var grouped = new DenseMatrix(representatives.Count, annotators);
        for (var g = 0; g < representatives.Count; g++)
            for (var a = 0; a < annotators; a++)
                grouped[g, a] = utilities[representatives[g], a];
        _groups = new MajorityPreferenceKernel(grouped);
    }

    /// <summary>
    /// Builds the evaluation of prompt <paramref name="prompt"/> of a <c>seq-majority</c> spec (the same context as
    /// <see cref="SequenceMajority"/>'s, without its cap).
    /// </summary>
    /// <exception cref="GameValidationException">A parameter is out of range or V^L exceeds <see cref="MaxResponses"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The spec has no such prompt.</exception>
    public static ImplicitSequenceMajority Create(GameSpec spec, int prompt = 0)
    {
        var (space, _, utilities) = SequenceMajority.Annotate(spec, MaxResponses);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(prompt, utilities.Count);
        return new ImplicitSequenceMajority(space, utilities[prompt]);
    }

    /// <summary>The sequences, numbered as in the dense game.</summary>
    public SequenceSpace Space { get; }

    /// <summary>The number n = V^L of responses.</summary>
    public int Count => Space.Count;

    /// <summary>The number m of distinct utility vectors (groups of responses the annotators cannot tell apart).</summary>
    public int Groups => _groups.Count;

    /// <summary>The ungrouped preference over all n sequences, for the generic O(n²) path.</summary>
    public IPreferenceKernel Kernel() => new MajorityPreferenceKernel(_utilities);

    /// <summary>
    /// One entry <c>P(y ≻ y')</c> of two token sequences of the space, as a sampled self-play oracle needs it
    /// (by their indices in the space, as the neural learner's <c>EnumeratedSequenceOracle</c> asks).
    /// </summary>
    public double Preference(ReadOnlySpan<long> y, ReadOnlySpan<long> yPrime) =>
        Preference(Space.Index(y), Space.Index(yPrime));

    /// <inheritdoc/>
    public double Preference(int i, int j) => _groups.Entry(_groupOf[i], _groupOf[j]);

    /// <inheritdoc/>
    public void WinRates(ReadOnlySpan<double> policy, Span<double> winRates) => WinRates(policy, winRates, 0);

    /// <summary>Writes the exact <c>r = P π</c> into <paramref name="winRates"/> through the groups.</summary>
    /// <param name="policy">π over the V^L sequences in index order.</param>
    /// <param name="winRates">The output, length V^L.</param>
    /// <param name="threads">Worker threads; 0 for one per core.</param>
    public void WinRates(ReadOnlySpan<double> policy, Span<double> winRates, int threads)
    {
        if (policy.Length != Count || winRates.Length != Count)
            throw new ArgumentException($"the game has {Count} sequences; policy has {policy.Length}, winRates has {winRates.Length}");
        var mass = new double[Groups];
        for (var i = 0; i < Count; i++) mass[_groupOf[i]] += policy[i];
        var groupRates = new double[Groups];
        BlockedWinRate.Against(_groups, mass, groupRates, threads);
        for (var i = 0; i < Count; i++) winRates[i] = groupRates[_groupOf[i]];
    }

    /// <summary>The exact duality gap <c>2 (max_y r(y) − 1/2)</c> of <paramref name="policy"/>.</summary>
    public double DualityGap(double[] policy, int threads = 0)
    {
        var winRates = new double[Count];
        WinRates(policy, winRates, threads);
        return Exact.DualityGap.FromWinRates(winRates);
    }

    // Compares rows i and j of an n × A column-major matrix by value.
    private sealed class RowComparer(double[] values, int n, int annotators) : IEqualityComparer<int>
    {
        public bool Equals(int i, int j)
        {
            for (var a = 0; a < annotators; a++)
                if (values[a * n + i] != values[a * n + j]) return false;
            return true;
        }

        public int GetHashCode(int i)
        {
            var hash = new HashCode();
            for (var a = 0; a < annotators; a++) hash.Add(values[a * n + i]);
            return hash.ToHashCode();
        }
    }
}
