using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Evaluation.Utils;

/// <summary>
/// The estimates of a run whose preference matrix is not enumerated (docs/judge-protocol.md, "Evaluation"): per context
/// and iteration t, m pairs (y ~ uniform, y′ ~ π_t) asked of the oracle about the new iterate π_t as Bernoulli outcomes
/// with the evaluator's own generator. From them: the win rate of π_t against the uniform reference with its 95%
/// interval, and the duality gaps of π_t and of the average iterate as plug-in estimates <c>2 (max_y r̂(y) − 1/2)</c>,
/// with r̂(y) the mean outcome of y against π_t (against all iterates estimated so far for the average:
/// <c>P(y ≻ π̄)</c> is the mean of <c>P(y ≻ π_s)</c>; the estimated ones are π_1 … π_t, one of t terms apart from the
/// played π_0 … π_{t−1} of the exact average). The maximum of noisy means is biased upwards, by less as samples accumulate.
/// Each gap has a conservative 95% half-width (<c>dg_last_est_ci</c>, <c>dg_avg_est_ci</c>; docs/judge-protocol.md,
/// "Intervals"): Hoeffding's bound for every response's mean at once (Bonferroni over all responses of all contexts)
/// holds with probability ≥ 95% whatever the preferences, and on that event the maximum, bias included, is within the
/// largest of the responses' bounds; a response not yet asked about may win everything, so its context's upper end is 1.
/// </summary>
internal sealed class ReferenceEstimator
{
    private const double Z95 = 1.959963984540054;
    private const double Alpha = 0.05;
    private readonly TabularGame _game;
    private readonly IPreferenceOracle _oracle;
    private readonly int _samples;
    private readonly double[][] _sums;
    private readonly double[][] _counts;
    private readonly double[] _iterationSums;
    private readonly double[] _iterationCounts;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly double[] _outcomes;
    private SeededRandom _random;
    // ln(2N/α) of Hoeffding's bound with α shared among the N responses of all contexts.
    private readonly double _logTerm;
    private double _winRate, _variance, _gapLast, _gapLastCi;

    public ReferenceEstimator(TabularGame game, IPreferenceOracle oracle, ulong seed, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        _game = game;
        _oracle = oracle;
        _samples = samples;
        // Its own stream, apart from the learner's: evaluating never changes what the learner draws.
        _random = new SeededRandom(seed ^ 0x5EED_E7A1_0A7E_5EEDUL);
        _sums = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _counts = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _iterationSums = new double[game.MaxResponses];
        _iterationCounts = new double[game.MaxResponses];
        (_a, _b, _outcomes) = (new int[samples], new int[samples], new double[samples]);
        _logTerm = Math.Log(2.0 * game.Contexts.Sum(c => (double)c.Count) / Alpha);
    }

    /// <summary>Queries the evaluation has asked (<c>eval_queries</c>).</summary>
    public long Queries { get; private set; }

    public void Begin() => (_winRate, _variance, _gapLast, _gapLastCi) = (0, 0, 0, 0);

    /// <summary>Estimates context <paramref name="context"/> at the new iterate <paramref name="policy"/>.</summary>
    public void Play(int context, ReadOnlySpan<double> policy)
    {
        int n = policy.Length;
        for (int k = 0; k < _samples; k++)
        {
            _a[k] = _random.NextInt(n);
            _b[k] = SelfPlay.SelfPlaySampler.Draw(policy, 0, _random);
        }
        _oracle.Feedback(context, _a, _b, FeedbackKind.Bernoulli, _random, _outcomes);
        Queries += _samples;
        var sums = _iterationSums.AsSpan(0, n);
        var counts = _iterationCounts.AsSpan(0, n);
        sums.Clear();
        counts.Clear();
        double uniformWins = 0;
        for (int k = 0; k < _samples; k++)
        {
            sums[_a[k]] += _outcomes[k];
            counts[_a[k]]++;
            uniformWins += _outcomes[k];
        }
        for (int y = 0; y < n; y++)
        {
            _sums[context][y] += sums[y];
            _counts[context][y] += counts[y];
        }
        double w = _game.Contexts[context].Weight;
        // P(π ≻ uniform) = 1 − P(uniform ≻ π) for a skew oracle; Bernoulli variance of the mean of m outcomes.
        double p = 1 - uniformWins / _samples;
        _winRate += w * p;
        _variance += w * w * p * (1 - p) / _samples;
        var (gap, half) = Gap(sums, counts);
        _gapLast += w * gap;
        _gapLastCi += w * half;
    }

    /// <summary>Appends the iteration's estimates and the evaluation's query count.</summary>
    public void Add(List<KeyValuePair<string, double>> extras)
    {
        double gapAverage = 0, gapAverageCi = 0;
        for (int c = 0; c < _sums.Length; c++)
        {
            var (gap, half) = Gap(_sums[c], _counts[c]);
            gapAverage += _game.Contexts[c].Weight * gap;
            gapAverageCi += _game.Contexts[c].Weight * half;
        }
        extras.Add(new("win_rate_ref_est", _winRate));
        extras.Add(new("win_rate_ref_ci", Z95 * Math.Sqrt(_variance)));
        extras.Add(new("dg_last_est", _gapLast));
        extras.Add(new("dg_last_est_ci", _gapLastCi));
        extras.Add(new("dg_avg_est", gapAverage));
        extras.Add(new("dg_avg_est_ci", gapAverageCi));
        extras.Add(new("eval_queries", Queries));
    }

    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("estimator");
        writer.WriteNumber("eval_queries", Queries);
        StateJson.WriteJagged(writer, "sums", _sums);
        StateJson.WriteJagged(writer, "counts", _counts);
        StateJson.WriteRandom(writer, "random", _random);
        writer.WriteEndObject();
    }

    public void ReadState(JsonElement state)
    {
        var e = state.GetProperty("estimator");
        Queries = e.GetProperty("eval_queries").GetInt64();
        StateJson.ReadJaggedInto(e, "sums", _game, _sums);
        StateJson.ReadJaggedInto(e, "counts", _game, _counts);
        _random = StateJson.ReadRandom(e, "random");
    }

    /// <summary>
    /// <c>2 (max_y r̂(y) − 1/2)</c> over the responses with at least one outcome, and the half-width of an interval
    /// around it that holds <c>2 (max_y r(y) − 1/2)</c> whenever every seen response's mean is within its Hoeffding
    /// bound <c>h(y) = √(ln(2N/α) / (2 count(y)))</c>: the lower end is the largest <c>r̂ − h</c>, the upper end the
    /// largest <c>r̂ + h</c>, or 1 while a response is unseen, both clipped to [0, 1]; the half-width is the larger
    /// distance from the estimate.
    /// </summary>
    private (double Gap, double Half) Gap(ReadOnlySpan<double> sums, ReadOnlySpan<double> counts)
    {
        double best = double.NegativeInfinity, lower = 0, upper = 0;
        for (int y = 0; y < sums.Length; y++)
        {
            if (counts[y] == 0)
            {
                upper = 1;
                continue;
            }
            double mean = sums[y] / counts[y], h = Math.Sqrt(_logTerm / (2 * counts[y]));
            best = Math.Max(best, mean);
            lower = Math.Max(lower, mean - h);
            upper = Math.Max(upper, Math.Min(1, mean + h));
        }
        return (2 * (best - 0.5), 2 * Math.Max(best - lower, upper - best));
    }
}
