using System.Globalization;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.SelfPlay;

/// <summary>
/// Builds each context's self-play data (DESIGN §1, "REBEL for general preferences"): K responses drawn from
/// <c>π_t</c> (or every response once), oracle queries among them (all pairs, or a random subset of
/// <c>--query-budget</c> pairs), leave-one-out win rates <c>r̂(y_i) = mean_{j≠i} o_ij</c>, and regression pairs.
/// With every response included, <c>r̂(y_i) = π_t(y_i)/2 + Σ_{j≠i} π_t(y_j) o_ij</c>: with exact feedback this is
/// the exact win rate <c>(P π_t)_i</c>, with Bernoulli feedback an unbiased estimate of it.
/// With an offline μ (hybrid runs), as many responses again are drawn from μ and compared with the on-policy samples
/// only, so that their <c>r̂</c> still estimates the win rate against <c>π_t</c>; they join the regression pairs.
/// </summary>
public sealed class SelfPlaySampler
{
    private readonly IPreferenceOracle _oracle;
    private readonly SelfPlayOptions _options;
    private readonly int[] _pairOrder;
    private readonly int[] _queryA;
    private readonly int[] _queryB;
    private readonly int[] _pairI;
    private readonly int[] _pairJ;
    private readonly double[] _feedback;
    private readonly int[] _order;
    private readonly OfflineDistribution? _offline;
    private int _pairsBuiltFor = -1;
    private int _opponentsBuiltFor = -1;
    private int _pairsCount;

    /// <summary>Creates a sampler over <paramref name="oracle"/> with the shared self-play options.</summary>
    /// <param name="oracle">The preference oracle queried.</param>
    /// <param name="options">The shared self-play options.</param>
    /// <param name="offline">The offline μ of a hybrid run, or null.</param>
    /// <exception cref="ArgumentException">A query budget below 1, or an unknown pair selection.</exception>
    public SelfPlaySampler(IPreferenceOracle oracle, SelfPlayOptions options, OfflineDistribution? offline = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Pairs))
            throw new ArgumentException($"--pairs {options.Pairs}: expected all, random or best-worst");
        if (options.QueryBudget is < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--query-budget {options.QueryBudget}: must be at least 1 query per context"));
        _oracle = oracle;
        _options = options;
        int maxResponses = Enumerable.Range(0, oracle.ContextCount).Max(oracle.ResponseCount);
        _offline = offline;
        int onPolicy = options.Samples.Count ?? maxResponses;
        int capacity = offline is null ? onPolicy : 2 * onPolicy;
        int pairs = capacity * (capacity - 1) / 2;
        _pairOrder = new int[pairs];
        _queryA = new int[pairs];
        _queryB = new int[pairs];
        _pairI = new int[pairs];
        _pairJ = new int[pairs];
        _feedback = new double[pairs];
        _order = new int[capacity];
    }

    /// <summary>A batch with room for this sampler's largest context.</summary>
    public SelfPlayBatch CreateBatch() => new(_order.Length);

    /// <summary>Samples, queries and pairs one context into <paramref name="batch"/>, drawing from <paramref name="random"/>.</summary>
    public void Sample(int context, ReadOnlySpan<double> policy, SeededRandom random, SelfPlayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(batch);
        bool all = _options.Samples.Count is null;
        int k = all ? policy.Length : _options.Samples.Count!.Value;
        int m = _offline?.Covers(context) == true ? 2 * k : k;
        batch.Count = m;
        for (int i = 0; i < k; i++)
            batch.Responses[i] = all ? i : Draw(policy, random);
        for (int i = k; i < m; i++)
            batch.Responses[i] = _offline!.Draw(context, random);
        Query(context, m, k, random, batch);
        Estimate(policy, all, m, k, batch);
        SelectRows(m, random, batch);
    }

    private static int Draw(ReadOnlySpan<double> policy, SeededRandom random)
    {
        double u = random.NextDouble(), cumulative = 0;
        int last = 0;
        for (int i = 0; i < policy.Length; i++)
        {
            if (policy[i] <= 0)
                continue;
            last = i;
            cumulative += policy[i];
            if (u < cumulative)
                return i;
        }
        // Rounding can leave the cumulative sum a hair below u; the last response with mass takes it.
        return last;
    }

    /// <summary>Queries pairs (i, j), i &lt; j, whose first member is one of the <paramref name="k"/> on-policy samples.</summary>
    private void Query(int context, int m, int k, SeededRandom random, SelfPlayBatch batch)
    {
        if (m != _pairsBuiltFor || k != _opponentsBuiltFor)
            BuildPairs(m, k);
        int pairs = _pairsCount;
        int budget = Math.Min(pairs, _options.QueryBudget ?? pairs);
        for (int q = 0; q < pairs; q++)
            _pairOrder[q] = q;
        if (budget < pairs)
        {
            // Partial Fisher–Yates: the first `budget` entries are a uniform subset of the pairs.
            for (int q = 0; q < budget; q++)
            {
                int swap = q + random.NextInt(pairs - q);
                (_pairOrder[q], _pairOrder[swap]) = (_pairOrder[swap], _pairOrder[q]);
            }
        }
        var outcomes = batch.Outcomes;
        int cap = batch.Capacity;
        for (int i = 0; i < m; i++)
        {
            outcomes.AsSpan(i * cap, m).Fill(double.NaN);
            outcomes[i * cap + i] = 0.5;
        }
        for (int q = 0; q < budget; q++)
        {
            int p = _pairOrder[q];
            _queryA[q] = batch.Responses[_pairI[p]];
            _queryB[q] = batch.Responses[_pairJ[p]];
        }
        _oracle.Feedback(context, _queryA.AsSpan(0, budget), _queryB.AsSpan(0, budget), _options.Feedback, random, _feedback);
        for (int q = 0; q < budget; q++)
        {
            int p = _pairOrder[q];
            int i = _pairI[p], j = _pairJ[p];
            outcomes[i * cap + j] = _feedback[q];
            outcomes[j * cap + i] = 1 - _feedback[q];
        }
    }

    /// <summary>Lists the pairs (i &lt; j, i &lt; k) of m samples; rebuilt only when the sizes change.</summary>
    private void BuildPairs(int m, int k)
    {
        int q = 0;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < m; j++, q++)
                (_pairI[q], _pairJ[q]) = (i, j);
        (_pairsBuiltFor, _opponentsBuiltFor, _pairsCount) = (m, k, q);
    }

    /// <summary>Win rates against the <paramref name="k"/> on-policy samples (the opponents drawn from π_t).</summary>
    private static void Estimate(ReadOnlySpan<double> policy, bool all, int m, int k, SelfPlayBatch batch)
    {
        int cap = batch.Capacity;
        for (int i = 0; i < m; i++)
        {
            double sum = 0, weight = 0;
            for (int j = 0; j < k; j++)
            {
                double o = batch.Outcomes[i * cap + j];
                // Leave-one-out for samples; with every response present, the self-comparison is the tie 1/2 weighted by π(y_i).
                if (double.IsNaN(o) || (j == i && !all))
                    continue;
                double w = all ? policy[j] : 1;
                sum += w * o;
                weight += w;
            }
            batch.WinRates[i] = weight > 0 ? sum / weight : double.NaN;
        }
    }

    private void SelectRows(int m, SeededRandom random, SelfPlayBatch batch)
    {
        int n = 0;
        for (int i = 0; i < m; i++)
            if (!double.IsNaN(batch.WinRates[i]))
                _order[n++] = i;
        int rows = 0;
        switch (_options.Pairs)
        {
            case PairSelection.All:
                for (int a = 0; a < n; a++)
                    for (int b = a + 1; b < n; b++, rows++)
                        (batch.RowA[rows], batch.RowB[rows]) = (_order[a], _order[b]);
                break;
            case PairSelection.Random:
                for (int k = n - 1; k > 0; k--)
                {
                    int swap = random.NextInt(k + 1);
                    (_order[k], _order[swap]) = (_order[swap], _order[k]);
                }
                for (int a = 0; a + 1 < n; a += 2, rows++)
                    (batch.RowA[rows], batch.RowB[rows]) = (_order[a], _order[a + 1]);
                break;
            case PairSelection.BestWorst:
                if (n >= 2)
                {
                    int best = _order[0], worst = _order[0];
                    for (int a = 1; a < n; a++)
                    {
                        int i = _order[a];
                        if (batch.WinRates[i] > batch.WinRates[best])
                            best = i;
                        if (batch.WinRates[i] < batch.WinRates[worst])
                            worst = i;
                    }
                    if (best == worst)
                        worst = best == _order[0] ? _order[1] : _order[0];
                    (batch.RowA[0], batch.RowB[0]) = (best, worst);
                    rows = 1;
                }
                break;
            default:
                throw new InvalidOperationException($"unknown pair selection {_options.Pairs}");
        }
        batch.RowCount = rows;
    }
}
