using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Evaluation.Utils;
using Rebel.Preference.Oracles;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Evaluation;

/// <summary>
/// The metrics of a self-play run, computed apart from the learner on the full preference matrix of an enumerable
/// response set: per iteration t the new iterate π_t's duality gap (<c>dg_last</c>), entropy, KL to the reference
/// policy (<c>kl_ref</c>) and the step's KL (<c>kl_step</c>, KL(π_t ‖ π_{t−1})); the average of the iterates played
/// so far, π̄_t = (π_0 + … + π_{t−1})/t, with its gap (<c>dg_avg</c>) and regret (<c>regret_avg</c>); and the L1
/// distances of π_t and π̄_t to a unique minimax winner (<c>dist_mw_last</c>, <c>dist_mw_avg</c>). So the last
/// line of a run describes the policies it ends with (<c>policy.json</c>'s <c>last</c> and <c>average</c>). The learner never sees the matrix through it, except an exact
/// algorithm, which by definition learns from <c>r = P π</c> (<see cref="Play"/> returns it).
/// </summary>
/// <remarks>
/// One iteration is <see cref="Begin"/>, then per context <see cref="Play"/> and
/// <see cref="Moved(int, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> (or, for a learner whose
/// fused kernel computed the win rates itself, <see cref="Reached"/> and <see cref="Moved(int, double, double, double)"/>),
/// then <see cref="End"/>. The win rates of the new iterate, computed for its gap, are kept and serve the next
/// <see cref="Play"/> of the same policy, so the gap of the new iterate costs no extra pass over the matrix. Contexts are summed in index order, so the metrics of a run are the same bits whichever
/// learner produced the policies. A policy class that only has probabilities (a neural policy) calls
/// <see cref="Evaluate"/> with the played and the new policy of every context.
/// <para>
/// When the oracle's matrix is not enumerated (<see cref="IPreferenceOracle.Enumerable"/> false: a judge that answers
/// outcomes, or whose full matrix would exceed its evaluation budget), the evaluator made by <see cref="For"/> estimates
/// instead, from its own queries to the oracle (<c>eval_queries</c>, never in the learner's <c>oracle_queries</c>):
/// <c>win_rate_ref_est</c> ± <c>win_rate_ref_ci</c> (π_t against the uniform policy, 95%), <c>dg_last_est</c> and
/// <c>dg_avg_est</c>; the exact <c>dg_last</c>, <c>dg_avg</c> and <c>regret_avg</c> are then NaN (null in
/// metrics.jsonl), never a number the matrix did not give, and no <c>dist_mw_*</c> is reported.
/// </para>
/// </remarks>
public sealed class PolicyEvaluator
{
    private readonly double[][] _reference;
    private readonly double[][] _winRates;
    // The new iterate's win rates and the policy they are of, computed by Moved and taken by the next Play.
    private readonly double[][] _nextWinRates;
    private readonly double[][] _nextPolicy;
    private readonly bool[] _hasNext;
    private readonly bool _learnerAdvances;
    private readonly ReferenceEstimator? _estimator;
    private MinimaxWinnerDistance? _distance;
    private bool _evaluating = true;
    private double _dgLast, _distanceLast, _kl, _klRef, _entropy;

    /// <summary>Evaluates policies on <paramref name="game"/>, with <c>kl_ref</c> taken to <paramref name="reference"/> (uniform when null).</summary>
    /// <param name="game">The game whose matrices define the exact metrics.</param>
    /// <param name="reference">The reference policy <c>π_ref</c> of <c>kl_ref</c>.</param>
    /// <param name="learnerRegret">
    /// A regret tracker that the learner fills and advances itself (a fused kernel that computes <c>P π</c> and the
    /// regret sums in one pass, see <see cref="Reached"/>); null: the evaluator keeps its own and observes every play.
    /// </param>
    public PolicyEvaluator(TabularGame game, TabularPolicy? reference = null, RegretTracker? learnerRegret = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        Game = game;
        Regret = learnerRegret ?? new RegretTracker(game);
        _learnerAdvances = learnerRegret is not null;
        _reference = game.Contexts.Select(c => new double[c.Count]).ToArray();
        SetReference(reference ?? TabularPolicy.Uniform(game));
        _winRates = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _nextWinRates = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _nextPolicy = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _hasNext = new bool[game.Contexts.Count];
    }

    private PolicyEvaluator(TabularGame game, TabularPolicy? reference, ReferenceEstimator estimator)
        : this(game, reference) => _estimator = estimator;

    /// <summary>The default number of pairs per context and iteration that an estimating evaluator asks.</summary>
    public const int DefaultEstimateSamples = 64;

    /// <summary>
    /// The evaluator of a learner that asks <paramref name="oracle"/>: exact on <paramref name="game"/> when the oracle is
    /// <see cref="IPreferenceOracle.Enumerable"/> (or null), else estimating from <paramref name="samples"/> pairs per
    /// context and iteration asked of the oracle with a generator derived from <paramref name="seed"/>.
    /// </summary>
    public static PolicyEvaluator For(TabularGame game, IPreferenceOracle? oracle, ulong seed, TabularPolicy? reference = null, int samples = DefaultEstimateSamples) =>
        oracle is null || oracle.Enumerable
            ? new PolicyEvaluator(game, reference)
            : new PolicyEvaluator(game, reference, new ReferenceEstimator(game, oracle, seed, samples));

    /// <summary>
    /// The evaluation interval that keeps evaluation near a fifth of a sampled run or less: the power of two nearest
    /// <c>Σ_x n_x² / (C · Σ_x n_x)</c>, at least 1. An evaluated iteration costs two passes over every context's
    /// <c>n_x × n_x</c> matrix, a sampled step a few passes over its <c>n_x</c> responses; <c>C</c> =
    /// <see cref="AutoEveryResponses"/> was measured (bench: <c>--only EvaluationShare</c>). A power of two, so that the
    /// plot's points (kept at multiples of a power of two) fall on evaluated iterations.
    /// </summary>
    public static int AutoEvery(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        double squares = 0, responses = 0;
        foreach (var c in game.Contexts)
        {
            squares += (double)c.Count * c.Count;
            responses += c.Count;
        }
        double every = squares / (AutoEveryResponses * responses);
        return every < 1.5 ? 1 : 1 << (int)Math.Min(20, Math.Round(Math.Log2(every)));
    }

    /// <summary>The size of a response set from which <see cref="AutoEvery"/> skips evaluations (about one in two at twice this size).</summary>
    public const int AutoEveryResponses = 64;

    /// <summary>Whether the metrics are exact (the full matrix) rather than estimated.</summary>
    public bool IsExact => _estimator is null;

    /// <summary>The game evaluated on.</summary>
    public TabularGame Game { get; }

    /// <summary>The regret sums and the average iterate (checkpointed by the algorithm).</summary>
    public RegretTracker Regret { get; }

    /// <summary>Iterations evaluated.</summary>
    public int Iterations => Regret.Iterations;

    /// <summary>Whether <see cref="Reached"/> needs the new policy (for the distance to a unique minimax winner).</summary>
    public bool NeedsPolicy => IsExact && Distance.IsDefined;

    /// <summary>The game's minimax-winner distance, solved at first use: an algorithm built only to validate options never pays for it.</summary>
    private MinimaxWinnerDistance Distance => _distance ??= MinimaxWinnerDistance.For(Game);

    /// <summary><c>log π_ref(·|x)</c> of context <paramref name="context"/>.</summary>
    public ReadOnlySpan<double> ReferenceLog(int context) => _reference[context];

    /// <summary>Replaces the reference policy of <c>kl_ref</c> (and of <see cref="ReferenceLog"/>).</summary>
    public void SetReference(TabularPolicy reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.EnsureMatches(Game);
        for (int c = 0; c < _reference.Length; c++)
            for (int i = 0; i < _reference[c].Length; i++)
                _reference[c][i] = Math.Log(reference[c][i]);
    }

    /// <summary>
    /// Starts an iteration. One not <paramref name="evaluated"/> (a learner that does not need <c>P π</c>, between two
    /// evaluations) costs no pass over the matrix and no evaluation query: its plays are observed by their policies, its
    /// moves by their divergences, and its gaps are NaN.
    /// </summary>
    public void Begin(bool evaluated = true)
    {
        _evaluating = evaluated;
        if (IsExact && evaluated)
            _ = Distance;
        _estimator?.Begin();
        (_dgLast, _distanceLast, _kl, _klRef, _entropy) = (0, 0, 0, 0, 0);
    }

    /// <summary>The exact win rates <c>P π</c> of the iterate last played in context <paramref name="context"/>.</summary>
    /// <exception cref="InvalidOperationException">The evaluator estimates: there is no matrix to take them from.</exception>
    /// <exception cref="InvalidOperationException">The iteration is not evaluated: its win rates were not computed.</exception>
    public ReadOnlySpan<double> WinRates(int context) =>
        !IsExact ? throw new InvalidOperationException("the preference matrix is not enumerated, so exact win rates are not available; learn from the oracle")
        : !_evaluating || !Regret.WinRateSumsComplete ? throw new InvalidOperationException("this iteration is not evaluated, so its exact win rates were not computed")
        : _winRates[context];

    /// <summary>
    /// Plays the iterate <paramref name="policy"/> in context <paramref name="context"/>: its exact win rates
    /// <c>r = P π</c> (returned, valid until the next iteration; those of the last <see cref="Moved(int, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    /// when it moved to this very policy) and the regret sums. An estimating evaluator returns no win rates and sums only the policy.
    /// </summary>
    public ReadOnlySpan<double> Play(int context, ReadOnlySpan<double> policy)
    {
        var winRates = _winRates[context];
        if (!_evaluating || !Regret.WinRateSumsComplete && !_learnerAdvances)
        {
            // The learner does not use r_t, and the average's gap will come from P π̄.
            Regret.ObservePolicy(context, policy);
            _hasNext[context] = false;
            return [];
        }
        if (_estimator is not null)
        {
            Regret.Observe(context, policy, winRates); // zeros: the average policy is kept, the regret is not known
            return [];
        }
        if (_hasNext[context] && policy.SequenceEqual(_nextPolicy[context]))
            (_winRates[context], _nextWinRates[context]) = (_nextWinRates[context], winRates);
        else
            WinRate.Against(Game.Contexts[context], policy, winRates);
        _hasNext[context] = false;
        winRates = _winRates[context];
        if (!_learnerAdvances)
            Regret.Observe(context, policy, winRates);
        return winRates;
    }

    /// <summary>
    /// Records the new iterate of a learner that computed its win rates itself (and observed the play into
    /// <see cref="Regret"/>): <paramref name="bestWinRate"/> is <c>max_y (P π)(y)</c>; <paramref name="policy"/> is
    /// the new iterate, needed only when <see cref="NeedsPolicy"/>.
    /// </summary>
    public void Reached(int context, double bestWinRate, ReadOnlySpan<double> policy) => Add(context, 2 * (bestWinRate - 0.5), policy);

    private void Add(int context, double gap, ReadOnlySpan<double> policy)
    {
        double w = Game.Contexts[context].Weight;
        _dgLast += w * gap;
        if (Distance.IsDefined)
            _distanceLast += w * Distance.Of(context, policy);
    }

    /// <summary>
    /// Records the move of context <paramref name="context"/> to the new iterate <paramref name="policy"/> with
    /// log-probabilities <paramref name="log"/> from <paramref name="previousLog"/>: its KL step, entropy and <c>kl_ref</c>,
    /// and its duality gap and distance (an estimating evaluator asks the oracle about it instead).
    /// </summary>
    public void Moved(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> log, ReadOnlySpan<double> previousLog)
    {
        var (step, toReference, entropy) = LogMath.Divergences(policy, log, previousLog, _reference[context]);
        Moved(context, step, entropy, toReference);
        if (!_evaluating)
            return;
        if (_estimator is not null)
        {
            _estimator.Play(context, policy);
            return;
        }
        WinRate.Against(Game.Contexts[context], policy, _nextWinRates[context]);
        policy.CopyTo(_nextPolicy[context]);
        _hasNext[context] = true;
        Add(context, DualityGap.FromWinRates(_nextWinRates[context]), policy);
    }

    /// <summary>Records a move whose divergences the learner's fused kernel computed.</summary>
    public void Moved(int context, double klStep, double entropy, double klToReference)
    {
        double w = Game.Contexts[context].Weight;
        _kl += w * klStep;
        _klRef += w * klToReference;
        _entropy += w * entropy;
    }

    /// <summary>
    /// Ends the iteration: advances the regret (unless the learner does) and returns the metrics, with the learner's
    /// <paramref name="extras"/> (e.g. <c>oracle_queries</c>) between the standard ones and <c>kl_ref</c>, <c>dist_mw_*</c>.
    /// </summary>
    public IterationMetrics End(IEnumerable<KeyValuePair<string, double>>? extras = null)
    {
        if (!_learnerAdvances)
            Regret.Advance();
        var all = new List<KeyValuePair<string, double>>(extras ?? []);
        all.Add(new("kl_ref", _klRef));
        if (!_evaluating)
            return new IterationMetrics(Regret.Iterations, double.NaN, double.NaN, double.NaN, _kl, _entropy, all);
        if (_estimator is not null)
        {
            _estimator.Add(all);
            return new IterationMetrics(Regret.Iterations, double.NaN, double.NaN, double.NaN, _kl, _entropy, all);
        }
        MinimaxWinnerMetrics.Add(all, Distance, _distanceLast, Regret);
        return new IterationMetrics(Regret.Iterations, _dgLast, Regret.AverageDualityGap, Regret.AverageRegret, _kl, _entropy, all);
    }

    /// <summary>Writes an estimating evaluator's state (its generator, sums and query count) into the open state object; nothing when exact.</summary>
    public void WriteState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _estimator?.WriteState(writer);
    }

    /// <summary>Restores what <see cref="WriteState"/> wrote.</summary>
    public void ReadState(JsonElement state) => _estimator?.ReadState(state);

    /// <summary>
    /// One iteration of a learner that has only probabilities: <paramref name="played"/> is the iterate played,
    /// <paramref name="next"/> the new one, per context (zeros allowed; the logs are taken here).
    /// </summary>
    /// <exception cref="ArgumentException">A policy list does not match the game.</exception>
    public IterationMetrics Evaluate(IReadOnlyList<double[]> played, IReadOnlyList<double[]> next, IEnumerable<KeyValuePair<string, double>>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(played);
        ArgumentNullException.ThrowIfNull(next);
        if (played.Count != Game.Contexts.Count || next.Count != Game.Contexts.Count
            || Enumerable.Range(0, played.Count).Any(c => played[c].Length != Game.Contexts[c].Count || next[c].Length != Game.Contexts[c].Count))
            throw new ArgumentException($"the played and next policies need one distribution per context of '{Game.Name}', over its responses");
        Begin();
        for (int c = 0; c < played.Count; c++)
        {
            Play(c, played[c]);
            Moved(c, next[c], next[c].Select(p => Math.Log(p)).ToArray(), played[c].Select(p => Math.Log(p)).ToArray());
        }
        return End(extras);
    }
}
