using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// A tabular self-play algorithm that learns from sampled oracle queries: for each context, right after it is played
/// (while its matrix is in cache), <see cref="Learn"/> draws what it needs through <see cref="Sample(int)"/> — the
/// <see cref="SelfPlaySampler"/> with one seeded generator for the whole run — and may write the context's next logits.
/// The learning signal comes only from the <see cref="IPreferenceOracle"/> the sampler queries (the game's own matrix
/// unless another oracle is given, e.g. a judge process); the game's matrices serve only the evaluation.
/// Reports <c>oracle_queries</c> (cumulative pairs the learner asked) and <c>samples</c> (responses drawn this
/// iteration) and checkpoints the generator and the query count.
/// </summary>
public abstract class SampledSelfPlay : TabularSelfPlay, ISelfPlayAlgorithm
{
    private readonly SelfPlaySampler _sampler;
    private readonly SelfPlayBatch _batch;
    private int _samples;

    /// <inheritdoc/>
    public sealed override bool LearnsFromSamples => true;

    /// <summary>Creates the sampler over <paramref name="game"/> with the shared options and the run's seed.</summary>
    /// <param name="game">The game.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="shared">The shared options.</param>
    /// <param name="importanceWeighted">Whether the learner uses the importance-weighted estimates, so that draws may explore.</param>
    /// <param name="doublyRobust">Whether those estimates correct the residuals of a control variate learnt from earlier answers (<see cref="RebelEstimator.DoublyRobust"/>).</param>
    /// <param name="oracle">The preference oracle queried for feedback; null: the game's own matrix (<see cref="TabularOracle"/>).</param>
    /// <exception cref="ArgumentException">The oracle's contexts or responses differ from the game's, or it answers outcomes only and exact feedback is asked for.</exception>
    protected SampledSelfPlay(TabularGame game, ulong seed, SelfPlayOptions shared, bool importanceWeighted = false, IPreferenceOracle? oracle = null, bool doublyRobust = false)
        : base(game, evaluator: PolicyEvaluator.For(game, oracle, seed, samples: (oracle as JudgeOracle)?.Spec.EvalSamples ?? PolicyEvaluator.DefaultEstimateSamples))
    {
        ArgumentNullException.ThrowIfNull(shared);
        oracle ??= new TabularOracle(game);
        OracleShape.EnsureMatches(oracle, game);
        if (!oracle.AnswersProbabilities && shared.Feedback != FeedbackKind.Bernoulli)
            throw new ArgumentException("the oracle answers outcomes only, so Feedback must be Bernoulli");
        _sampler = new SelfPlaySampler(oracle, shared, shared.Offline is null ? null : OfflineDistribution.Load(shared.Offline, game), importanceWeighted, doublyRobust);
        _batch = _sampler.CreateBatch();
        Random = new SeededRandom(seed);
    }

    /// <summary>
    /// The shared options of a learner from importance-weighted win rates of every response (<see cref="AlgorithmDescriptor.SharedOptions"/>
    /// of OMWU, Nash-MD, fictitious play, …; with η where the learner takes a step size): it draws, queries and
    /// reweights, and has no pairs, regression solver or offline data.
    /// </summary>
    public static IReadOnlyList<string> WinRateOptions { get; } =
        [nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.Explore), nameof(SelfPlayOptions.Baseline)];

    /// <summary>The run's generator (sampling, feedback, and any shuffling the learner does).</summary>
    protected SeededRandom Random { get; private set; }

    /// <summary>Most samples a batch holds (K, or the largest response set with <c>--samples all</c>).</summary>
    protected int BatchCapacity => _batch.Capacity;

    /// <summary>Draws, queries and estimates context <paramref name="context"/>'s self-play batch against <c>π_t</c>.</summary>
    protected SelfPlayBatch Sample(int context) => Sample(context, []);

    /// <summary>
    /// Draws responses from <c>π_t</c> and queries them against <paramref name="opponents"/> (a policy over the
    /// context's responses; empty for self-play); the batch is valid until the next call.
    /// </summary>
    protected SelfPlayBatch Sample(int context, ReadOnlySpan<double> opponents)
    {
        _sampler.Sample(context, Policy(context), opponents, Random, _batch);
        _samples += _batch.Count;
        return _batch;
    }

    /// <summary>
    /// The importance-weighted estimates <c>r̃(y)</c> of every response's win rate against <paramref name="opponents"/>
    /// (empty: self-play against <c>π_t</c>), unbiased; exact with every response and exact feedback. Valid until the next sample.
    /// </summary>
    protected ReadOnlySpan<double> EstimateWinRates(int context, ReadOnlySpan<double> opponents) =>
        Sample(context, opponents).Estimates.AsSpan(0, Game.Contexts[context].Count);

    /// <summary>
    /// The estimates of <see cref="EstimateWinRates"/> against an intermediate policy given by its logits (Nash-MD's
    /// mixture, extragradient's half step): normalises <paramref name="logits"/> in place to log-probabilities first.
    /// </summary>
    protected ReadOnlySpan<double> EstimateWinRatesAgainst(int context, Span<double> logits) =>
        EstimateWinRates(context, IntermediatePolicy(logits));

    /// <summary>Called once per iteration before the contexts are sampled.</summary>
    protected virtual void Begin()
    {
    }

    /// <summary>Learns from context <paramref name="context"/>'s samples; may write the context's next logits.</summary>
    protected abstract void Learn(int context, Span<double> next);

    /// <summary>Called once per iteration after every context was learned from; writes whatever logits are still due.</summary>
    protected virtual void End(double[][] next)
    {
    }

    /// <inheritdoc/>
    protected sealed override void BeginIteration()
    {
        _samples = 0;
        Begin();
    }

    /// <inheritdoc/>
    protected sealed override void Played(int context, Span<double> next) => Learn(context, next);

    /// <inheritdoc/>
    protected sealed override void Update(double[][] next) => End(next);

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        extras.Add(new("oracle_queries", _sampler.Queries));
        extras.Add(new("samples", _samples));
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("oracle_queries", _sampler.Queries);
        StateJson.WriteRandom(writer, "random", Random);
        _sampler.WriteState(writer);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        _sampler.Queries = state.GetProperty("oracle_queries").GetInt64();
        Random = StateJson.ReadRandom(state, "random");
        _sampler.ReadState(state);
    }
}
