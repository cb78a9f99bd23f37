using System.Globalization;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.SelfPlay;

/// <summary>
/// Builds each context's self-play data (DESIGN §1, docs/sampled-self-play.md): K responses drawn from
/// <c>μ = (1 − γ) π_t + γ·uniform</c> (γ = <see cref="SelfPlayOptions.Explore"/> for importance-weighted learners, else
/// 0; or every response once), oracle queries (all pairs, or a uniform subset of <c>--query-budget</c> pairs), and two
/// estimates of the win rates
/// against the opponents' policy <c>q</c> (<c>π_t</c> in self-play; Nash-MD's mixture or extragradient's half step
/// otherwise):
/// <list type="bullet">
/// <item>per sample, the leave-one-out win rate <c>r̂(y_i) = mean_{j≠i} o_ij</c> over the queried opponents, and
/// regression pairs among the samples (the estimator <c>leave-one-out</c>);</item>
/// <item>per response of the context, the importance-weighted <c>r̃(y) = b + Σ_{i: y_i = y} (ℓ_i − b) / (K μ(y))</c>,
/// where <c>ℓ_i</c> is sample i's win fraction with each opponent weighted by <c>q/μ</c> and each pair by the inverse
/// of its chance of being queried, and <c>b</c> the baseline: <c>E r̃(y) = P(y ≻ q)</c> for every response, drawn or not;
/// or, doubly robust, the same correction applied to the residuals of a control variate <c>Ĉ</c> learnt from earlier
/// answers (<see cref="ControlVariate"/>): <c>r̃(y) = Σ_z q(z) Ĉ(y, z) + Σ_{i: y_i = y} (ℓ_i − ℓ̂_i)/(K μ(y))</c>,
/// with <c>ℓ̂_i</c> the same weighted average of <c>Ĉ(y_i, z_j)</c> in place of the answers; also unbiased.</item>
/// </list>
/// In self-play the samples are each other's opponents; against another policy K opponents are drawn from it and
/// every sample meets every opponent. With every response included the opponents are all responses weighted by
/// <c>q</c>, so both estimates are the exact win rate with exact feedback. With an offline μ (hybrid runs), as many
/// responses again are drawn from it and compared with the on-policy samples only, so that their <c>r̂</c> still
/// estimates the win rate against <c>π_t</c>.
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
    // A group's weighted residual sums S_i = Σ_{j≠i} w_j (o_ij − b) (SampleGroup).
    private readonly double[] _groupSums;
    private readonly int[] _order;
    private readonly int[] _draws;
    private readonly OfflineDistribution? _offline;
    private readonly double _explore;
    private readonly ControlVariate? _controlVariate;
    private (int M, int K, bool Cross) _pairsBuiltFor = (-1, -1, false);
    private int _pairsCount;
    private double _queryScale;

    /// <summary>Creates a sampler over <paramref name="oracle"/> with the shared self-play options.</summary>
    /// <param name="oracle">The preference oracle queried.</param>
    /// <param name="options">The shared self-play options.</param>
    /// <param name="offline">The offline μ of a hybrid run, or null.</param>
    /// <param name="explore">
    /// Whether draws follow the exploration mixture of <see cref="SelfPlayOptions.Explore"/>: only for learners from the
    /// importance-weighted estimates, which correct for it; the others draw from <c>π_t</c>.
    /// </param>
    /// <param name="doublyRobust">
    /// Whether the importance-weighted estimates correct the residuals of a control variate learnt from the answers so
    /// far (the doubly robust estimator) rather than those of the constant baseline; ignored with every response drawn.
    /// </param>
    /// <exception cref="OptionException">The options do not validate (<see cref="SelfPlayOptions.Validate"/>).</exception>
    public SelfPlaySampler(IPreferenceOracle oracle, SelfPlayOptions options, OfflineDistribution? offline = null, bool explore = false, bool doublyRobust = false)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _oracle = oracle;
        _options = options;
        MaxResponses = Enumerable.Range(0, oracle.ContextCount).Max(oracle.ResponseCount);
        _offline = offline;
        _explore = explore && options.Samples.Count is not null ? options.Explore : 0;
        _controlVariate = doublyRobust && options.Samples.Count is not null ? new ControlVariate(oracle, options.Baseline) : null;
        int onPolicy = options.Samples.Count ?? MaxResponses;
        // Room for K samples plus K offline responses or K opponents drawn from another policy.
        int capacity = options.Samples.Count is null && offline is null ? onPolicy : 2 * onPolicy;
        int pairs = capacity * capacity;
        _pairOrder = new int[pairs];
        _queryA = new int[pairs];
        _queryB = new int[pairs];
        _pairI = new int[pairs];
        _pairJ = new int[pairs];
        _feedback = new double[pairs];
        _order = new int[capacity];
        _draws = new int[capacity];
        _groupSums = new double[capacity];
    }

    /// <summary>
    /// Pairs this sampler has asked the oracle (settable so that a resumed run continues its count): the learner's
    /// <c>oracle_queries</c>, apart from whatever else the oracle answers (an evaluator's queries, a cache's hits).
    /// </summary>
    public long Queries { get; set; }

    /// <summary>The largest response set of the oracle.</summary>
    public int MaxResponses { get; }

    /// <summary>A batch with room for this sampler's largest context.</summary>
    public SelfPlayBatch CreateBatch() => new(_order.Length, MaxResponses);

    /// <summary>Samples, queries and pairs one context into <paramref name="batch"/> in self-play (the opponents are <c>π_t</c>).</summary>
    public void Sample(int context, ReadOnlySpan<double> policy, SeededRandom random, SelfPlayBatch batch) =>
        Sample(context, policy, [], random, batch);

    /// <summary>
    /// Samples one context into <paramref name="batch"/> with the win rates taken against <paramref name="opponents"/>
    /// (a policy over the context's responses; empty for self-play against <paramref name="policy"/>).
    /// </summary>
    public void Sample(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> opponents, SeededRandom random, SelfPlayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(random);
        bool all = _options.Samples.Count is null;
        int k = _options.Samples.Count ?? policy.Length;
        bool cross = !opponents.IsEmpty && !all;
        var draws = _draws.AsSpan(0, cross ? 2 * k : k);
        for (int i = 0; i < k; i++)
            draws[i] = all ? i : Draw(policy, _explore, random);
        for (int i = k; i < draws.Length; i++)
            draws[i] = Draw(opponents, 0, random);
        SampleDrawn(context, policy, opponents, draws[..k], draws[k..], random, batch);
        // Only after the estimates: the control variate must not depend on the draws it corrects.
        _controlVariate?.Observe(context, batch);
    }

    /// <summary>
    /// Estimates one group of K responses drawn elsewhere — generated by a policy whose responses cannot be enumerated —
    /// that are the oracle's <paramref name="responses"/> of <paramref name="context"/>: queries their pairs (all, or a uniform
    /// subset of the budget's size; exact or Bernoulli feedback) and writes each sample's win rate against <c>π_t</c> and
    /// each pair's difference of win rates (docs/sampled-self-play.md, "Generated responses"):
    /// <list type="bullet">
    /// <item>no <paramref name="opponentWeights"/> (leave-one-out, the draws from <c>π_t</c>): <c>r̂_i</c> the mean of the
    /// queried <c>o_ij</c>, <c>j ≠ i</c>, and the difference <c>r̂_i − r̂_j</c>;</item>
    /// <item>with them (importance-weighted; the draws from μ, <c>w_j = π_t(y_j)/μ(y_j)</c>):
    /// <c>r̂_i = b + s Σ_{j≠i} w_j (o_ij − b)/(K − 1)</c>, s the inverse chance of a pair being queried, and the
    /// leave-two-out difference <c>t_ij = s Σ_{l∉{i,j}} w_l ([q_il](o_il − b) − [q_jl](o_jl − b))/(K − 2)</c>, whose
    /// expectation given <c>y_i, y_j</c> is exactly <c>r(y_i) − r(y_j)</c>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">Not K responses, the weights are not one per sample, or fewer than 3 samples are weighted (a pair's difference is read from the others).</exception>
    public void SampleGroup(int context, ReadOnlySpan<int> responses, ReadOnlySpan<double> opponentWeights, SeededRandom random, SelfPlayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(batch);
        int k = _options.Samples.Count ?? throw new InvalidOperationException("a group of generated responses holds K samples, not every response");
        if (responses.Length != k)
            throw new ArgumentException($"a group holds K = {k} responses, not {responses.Length}", nameof(responses));
        bool weighted = !opponentWeights.IsEmpty;
        if (weighted && (opponentWeights.Length != k || k < 3))
            throw new ArgumentException($"the importance-weighted estimates of a group need one weight per sample and K ≥ 3 samples (got {opponentWeights.Length} weights, K = {k})", nameof(opponentWeights));
        batch.Count = k;
        responses.CopyTo(batch.Responses);
        Query(context, k, k, false, random, batch);
        int cap = batch.Capacity;
        double b = _options.Baseline, scale = _queryScale;
        var sums = _groupSums.AsSpan(0, k);
        if (weighted)
            for (int i = 0; i < k; i++)
            {
                sums[i] = 0;
                for (int j = 0; j < k; j++)
                    if (j != i)
                        sums[i] += Residual(batch, i, j, b) * opponentWeights[j];
                batch.WinRates[i] = b + scale * sums[i] / (k - 1);
            }
        else
            LeaveOneOut([], false, false, k, k, batch);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                // Leave two out: the pair's own comparison would tie the estimate to the pair (docs: it shrinks the
                // step and, with exploration, biases it), so each sum drops its term against the other of the pair.
                batch.Differences[i * cap + j] = weighted && i != j
                    ? scale * ((sums[i] - opponentWeights[j] * Residual(batch, i, j, b)) - (sums[j] - opponentWeights[i] * Residual(batch, j, i, b))) / (k - 2)
                    : batch.WinRates[i] - batch.WinRates[j];
            }
        batch.RowCount = 0;
    }

    // o_ij − b where the pair was queried, 0 where not (its expectation is then the queried chance times o_ij − b).
    private static double Residual(SelfPlayBatch batch, int i, int j, double baseline)
    {
        double o = batch.Outcomes[i * batch.Capacity + j];
        return double.IsNaN(o) ? 0 : o - baseline;
    }

    /// <summary>Writes the sampler's learnt state (the doubly robust control variate) into the open state object; nothing otherwise.</summary>
    internal void WriteState(System.Text.Json.Utf8JsonWriter writer) => _controlVariate?.Write(writer);

    /// <summary>Restores what <see cref="WriteState"/> wrote.</summary>
    internal void ReadState(System.Text.Json.JsonElement state) => _controlVariate?.Read(state);

    /// <summary>
    /// As <see cref="Sample(int, ReadOnlySpan{double}, ReadOnlySpan{double}, SeededRandom, SelfPlayBatch)"/> with the
    /// draws given — the k on-policy ones and, against another policy, the k opponents' — so that a test can enumerate
    /// every draw with its probability and take exact expectations.
    /// </summary>
    internal void SampleDrawn(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> opponents, ReadOnlySpan<int> draws, ReadOnlySpan<int> opponentDraws, SeededRandom random, SelfPlayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        bool all = _options.Samples.Count is null;
        bool cross = !opponents.IsEmpty && !all;
        if (cross && _offline is not null)
            throw new InvalidOperationException("offline responses are compared with on-policy samples only, not with a separate opponent policy");
        int k = draws.Length;
        int m = cross || _offline?.Covers(context) == true ? 2 * k : k;
        batch.Count = m;
        draws.CopyTo(batch.Responses);
        if (cross)
            opponentDraws.CopyTo(batch.Responses.AsSpan(k));
        else
            for (int i = k; i < m; i++)
                batch.Responses[i] = _offline!.Draw(context, random);
        Query(context, m, k, cross, random, batch);
        var weights = opponents.IsEmpty ? policy : opponents;
        LeaveOneOut(weights, all, cross, m, k, batch);
        ImportanceWeighted(context, policy, weights, all, cross, k, batch);
        SelectRows(cross ? k : m, random, batch);
    }

    /// <summary>The probability <c>μ(y) = (1 − γ) π(y) + γ/n</c> of drawing <paramref name="y"/>.</summary>
    private static double Inclusion(ReadOnlySpan<double> policy, double explore, int y) =>
        explore == 0 ? policy[y] : (1 - explore) * policy[y] + explore / policy.Length;

    /// <summary>One response drawn from <c>μ = (1 − γ) π + γ·uniform</c>, γ = <paramref name="explore"/> (0: from π itself).</summary>
    internal static int Draw(ReadOnlySpan<double> policy, double explore, SeededRandom random)
    {
        double u = random.NextDouble(), cumulative = 0;
        int last = 0;
        for (int i = 0; i < policy.Length; i++)
        {
            double p = Inclusion(policy, explore, i);
            if (p <= 0)
                continue;
            last = i;
            cumulative += p;
            if (u < cumulative)
                return i;
        }
        // Rounding can leave the cumulative sum a hair below u; the last response with mass takes it.
        return last;
    }

    /// <summary>
    /// Queries the candidate pairs — among the first <paramref name="k"/> samples and from them to the rest, or with
    /// <paramref name="cross"/> only from the first k to the other k — or a uniform subset of the budget's size.
    /// </summary>
    private void Query(int context, int m, int k, bool cross, SeededRandom random, SelfPlayBatch batch)
    {
        if ((m, k, cross) != _pairsBuiltFor)
            BuildPairs(m, k, cross);
        int pairs = _pairsCount;
        int budget = Math.Min(pairs, _options.QueryBudget ?? pairs);
        _queryScale = (double)pairs / budget;
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
        Queries += budget;
        for (int q = 0; q < budget; q++)
        {
            int p = _pairOrder[q];
            int i = _pairI[p], j = _pairJ[p];
            outcomes[i * cap + j] = _feedback[q];
            outcomes[j * cap + i] = 1 - _feedback[q];
        }
    }

    /// <summary>Lists the candidate pairs of m samples; rebuilt only when the sizes change.</summary>
    private void BuildPairs(int m, int k, bool cross)
    {
        int q = 0;
        for (int i = 0; i < k; i++)
            for (int j = cross ? k : i + 1; j < m; j++, q++)
                (_pairI[q], _pairJ[q]) = (i, j);
        (_pairsBuiltFor, _pairsCount) = ((m, k, cross), q);
    }

    /// <summary>The opponents of a sample: the other on-policy samples, or the k drawn opponents.</summary>
    private static (int Start, int End) Opponents(bool cross, int k) => cross ? (k, 2 * k) : (0, k);

    /// <summary>Leave-one-out win rates: each sample's mean outcome over its queried opponents (weighted by q with every response present).</summary>
    private static void LeaveOneOut(ReadOnlySpan<double> weights, bool all, bool cross, int m, int k, SelfPlayBatch batch)
    {
        int cap = batch.Capacity;
        var (start, end) = Opponents(cross, k);
        for (int i = 0; i < m; i++)
        {
            double sum = 0, weight = 0;
            for (int j = start; j < end; j++)
            {
                double o = batch.Outcomes[i * cap + j];
                // Leave-one-out for samples; with every response present, the self-comparison is the tie 1/2 weighted by q(y_i).
                if (double.IsNaN(o) || (j == i && !all))
                    continue;
                double w = all ? weights[j] : 1;
                sum += w * o;
                weight += w;
            }
            batch.WinRates[i] = weight > 0 ? sum / weight : double.NaN;
        }
    }

    /// <summary>
    /// The importance-weighted estimate of every response: <c>r̃(y) = b + Σ_{i: y_i = y} (ℓ_i − b)/(K μ(y))</c>, where
    /// <c>ℓ_i</c> averages sample i's outcomes over all its candidate opponents, each queried one scaled by the inverse
    /// chance of its pair being queried and, in self-play with exploration, by <c>π/μ</c> of the opponent, so that
    /// <c>E[ℓ_i | y_i] = P(y_i ≻ q)</c>. With every response present, <c>K μ(y) = 1</c> and <c>ℓ_y = Σ_j q_j o_yj</c>.
    /// </summary>
    private void ImportanceWeighted(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> weights, bool all, bool cross, int k, SelfPlayBatch batch)
    {
        int cap = batch.Capacity, n = policy.Length;
        double explore = _explore, baseline = all ? 0 : _options.Baseline;
        var estimates = batch.Estimates.AsSpan(0, n);
        var control = all ? null : _controlVariate;
        if (control is not null)
            control.WinRates(context, weights, estimates);
        else
            estimates.Fill(baseline);
        var (start, end) = Opponents(cross, k);
        int opponents = all ? 1 : cross ? k : k - 1;
        for (int i = 0; i < k; i++)
        {
            double sum = 0;
            for (int j = start; j < end; j++)
            {
                double o = batch.Outcomes[i * cap + j];
                if (j == i)
                {
                    // The tie with itself is known, never queried: it counts only when every response is an opponent.
                    if (all)
                        sum += weights[j] * 0.5;
                    continue;
                }
                if (double.IsNaN(o))
                    continue;
                int z = batch.Responses[j];
                double w = all ? weights[j] : cross || explore == 0 ? 1 : policy[z] / Inclusion(policy, explore, z);
                sum += w * (control is null ? o : o - control.Value(context, batch.Responses[i], z)) * _queryScale;
            }
            int y = batch.Responses[i];
            double ell = sum / opponents;
            // Doubly robust: sum already holds the residuals, whose expectation given y is P(y ≻ q) − c(y).
            estimates[y] += all ? ell : (control is null ? ell - baseline : ell) / (k * Inclusion(policy, explore, y));
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
