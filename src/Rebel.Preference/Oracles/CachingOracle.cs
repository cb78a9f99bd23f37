using Rebel.Games.Randomness;

namespace Rebel.Preference.Oracles;

/// <summary>
/// Remembers every probability its inner oracle gave, per context and ordered pair, and asks the inner oracle only
/// for pairs it has not seen (in one batch per call). Bernoulli outcomes are drawn here from the cached probabilities,
/// with the caller's generator, so a run gives the same bits with or without the cache. Ordered pairs are kept apart:
/// a judge with a position bias may answer <c>P(a ≻ b) ≠ 1 − P(b ≻ a)</c>.
/// </summary>
public sealed class CachingOracle : IPreferenceOracle
{
    private readonly IPreferenceOracle _inner;
    private readonly Dictionary<long, double>[] _cache;
    private int[] _missA = [], _missB = [], _missAt = [];
    private double[] _missP = [];
    private readonly HashSet<long> _pending = [];

    /// <summary>Caches the answers of <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="inner"/> answers outcomes only, which cannot be cached.</exception>
    public CachingOracle(IPreferenceOracle inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!inner.AnswersProbabilities)
            throw new ArgumentException("CachingOracle: the inner oracle answers outcomes only; drawn outcomes cannot be cached", nameof(inner));
        _inner = inner;
        _cache = System.Linq.Enumerable.Range(0, inner.ContextCount).Select(_ => new Dictionary<long, double>()).ToArray();
    }

    /// <inheritdoc/>
    public int ContextCount => _inner.ContextCount;

    /// <inheritdoc/>
    public int ResponseCount(int context) => _inner.ResponseCount(context);

    /// <inheritdoc/>
    public bool Enumerable => _inner.Enumerable;

    /// <summary>Queries answered by this oracle, from the cache or not.</summary>
    public long Queries { get; set; }

    /// <summary>Queries passed on to the inner oracle (the pairs not seen before).</summary>
    public long Misses { get; private set; }

    /// <inheritdoc/>
    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("the pair lists and the result must have the same length");
        var cache = _cache[context];
        int n = ResponseCount(context), misses = 0, waiting = 0;
        EnsureCapacity(a.Length);
        _pending.Clear();
        for (int k = 0; k < a.Length; k++)
        {
            long key = Key(n, a[k], b[k]);
            if (cache.TryGetValue(key, out double p))
            {
                result[k] = p;
                continue;
            }
            // A pair repeated within the batch is asked once.
            if (_pending.Add(key))
                (_missA[misses], _missB[misses], misses) = (a[k], b[k], misses + 1);
            _missAt[waiting++] = k;
        }
        if (misses > 0)
        {
            _inner.Probabilities(context, _missA.AsSpan(0, misses), _missB.AsSpan(0, misses), _missP.AsSpan(0, misses));
            for (int m = 0; m < misses; m++)
                cache.Add(Key(n, _missA[m], _missB[m]), _missP[m]);
            for (int w = 0; w < waiting; w++)
                result[_missAt[w]] = cache[Key(n, a[_missAt[w]], b[_missAt[w]])];
            Misses += misses;
        }
        Queries += a.Length;
    }

    /// <inheritdoc/>
    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(random);
        Probabilities(context, a, b, result);
        BernoulliFeedback.Apply(kind, random, result[..a.Length]);
    }

    private static long Key(int n, int a, int b) => (long)a * n + b;

    private void EnsureCapacity(int pairs)
    {
        if (_missA.Length >= pairs)
            return;
        (_missA, _missB, _missAt, _missP) = (new int[pairs], new int[pairs], new int[pairs], new double[pairs]);
    }
}
