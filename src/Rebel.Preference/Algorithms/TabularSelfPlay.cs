using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// The iteration every tabular self-play algorithm shares: play <c>π_t</c> (the <see cref="PolicyEvaluator"/> computes
/// its exact win rates <c>r_t = P π_t</c> for <c>dg_last</c>, <c>dg_avg</c> and regret, or estimates them from the
/// oracle when the matrix is not enumerated), let the algorithm produce the next logits, normalise them, and report
/// through the evaluator the step's KL, entropy, <c>kl_ref</c> (KL to the initial policy) and the distances to the
/// minimax winner. The exact algorithms learn from <see cref="WinRates"/>; the sampled ones only from their oracle.
/// Checkpoints hold the log-policy and regret sums here; subclasses add their own state (RNG, optimiser, memory).
/// </summary>
public abstract class TabularSelfPlay : ISelfPlayAlgorithm
{
    private readonly PolicyEvaluator _evaluator;
    private readonly RegretTracker _regret;
    private double[][] _log;
    private double[][] _next;
    private readonly double[][] _policy;
    private readonly double[] _intermediatePolicy;
    private readonly double[] _intermediateWinRates;

    /// <summary>Starts from <paramref name="initial"/> (uniform when null), which is also the reference policy.</summary>
    /// <param name="game">The game.</param>
    /// <param name="initial">The initial and reference policy.</param>
    /// <param name="evaluator">The evaluator of the metrics (its reference is made <paramref name="initial"/>); null: exact on <paramref name="game"/>.</param>
    protected TabularSelfPlay(TabularGame game, TabularPolicy? initial = null, PolicyEvaluator? evaluator = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        initial ??= TabularPolicy.Uniform(game);
        initial.EnsureMatches(game);
        Game = game;
        _evaluator = evaluator ?? new PolicyEvaluator(game, initial);
        if (evaluator is not null)
            _evaluator.SetReference(initial);
        _regret = _evaluator.Regret;
        _log = game.Contexts.Select((c, i) => initial[i].Select(p => Math.Log(p)).ToArray()).ToArray();
        _next = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _policy = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _intermediatePolicy = new double[game.MaxResponses];
        _intermediateWinRates = new double[game.MaxResponses];
        for (int c = 0; c < _log.Length; c++)
            LogMath.Exp(_log[c], _policy[c]);
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public TabularGame Game { get; }

    /// <inheritdoc/>
    public int Iteration => _regret.Iterations;

    /// <inheritdoc/>
    public TabularPolicy Current => new(_policy.Select(p => Vector<double>.Build.Dense((double[])p.Clone())).ToArray());

    /// <inheritdoc/>
    public TabularPolicy Average => _regret.AveragePolicy;

    /// <summary><c>π_t(·|x)</c> of context <paramref name="context"/>, the iterate being played.</summary>
    protected ReadOnlySpan<double> Policy(int context) => _policy[context];

    /// <summary><c>log π_t(·|x)</c>.</summary>
    protected ReadOnlySpan<double> LogPolicy(int context) => _log[context];

    /// <summary>The exact win rates <c>r_t = P π_t</c> of context <paramref name="context"/>.</summary>
    protected ReadOnlySpan<double> WinRates(int context) => _evaluator.WinRates(context);

    /// <summary><c>log π_ref(·|x)</c>, the initial policy.</summary>
    protected ReadOnlySpan<double> ReferenceLog(int context) => _evaluator.ReferenceLog(context);

    /// <summary>
    /// Makes <paramref name="reference"/> the π_ref of <see cref="ReferenceLog"/> (the anchor of regularised algorithms and
    /// of <c>kl_ref</c>) in place of the initial policy, which stays the first iterate. Only before the first iteration,
    /// so every iterate of a run is anchored to the same policy.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has already started.</exception>
    public void AnchorTo(TabularPolicy reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.EnsureMatches(Game);
        if (Iteration != 0)
            throw new InvalidOperationException($"{Name}: the reference policy can only change before the first iteration");
        _evaluator.SetReference(reference);
    }

    /// <summary>
    /// Win rates against an intermediate policy (Nash-MD's mixture, extragradient's half step) given by its logits:
    /// normalises <paramref name="logits"/> in place to log-probabilities and returns <c>P exp(logits)</c>, valid until
    /// the next call.
    /// </summary>
    protected ReadOnlySpan<double> WinRatesAgainst(int context, Span<double> logits)
    {
        WinRate.Against(Game.Contexts[context], IntermediatePolicy(logits), _intermediateWinRates);
        return _intermediateWinRates.AsSpan(0, logits.Length);
    }

    /// <summary>
    /// The intermediate policy (Nash-MD's mixture, extragradient's half step) of <paramref name="logits"/>: normalises them
    /// in place to log-probabilities and returns their exponential, valid until the next call.
    /// </summary>
    protected ReadOnlySpan<double> IntermediatePolicy(Span<double> logits)
    {
        var policy = _intermediatePolicy.AsSpan(0, logits.Length);
        LogMath.Normalise(logits);
        LogMath.Exp(logits, policy);
        return policy;
    }

    /// <summary>Writes the next iterate's logits (any additive constant per context) into <paramref name="next"/>.</summary>
    protected abstract void Update(double[][] next);

    /// <summary>Called once per iteration before any context is played.</summary>
    protected virtual void BeginIteration()
    {
    }

    /// <summary>
    /// Called for each context right after its win rates were computed, while its preference matrix is still in
    /// cache; per-context learners do their work here and may already write the context's <paramref name="next"/> logits.
    /// </summary>
    protected virtual void Played(int context, Span<double> next)
    {
    }

    /// <summary>Adds the algorithm's extra metrics of the iteration just run, before <c>kl_ref</c>.</summary>
    protected virtual void AddExtras(List<KeyValuePair<string, double>> extras)
    {
    }

    /// <summary>Writes the algorithm's own checkpoint fields into the open state object.</summary>
    protected virtual void WriteState(Utf8JsonWriter writer)
    {
    }

    /// <summary>Restores the fields written by <see cref="WriteState"/>.</summary>
    protected virtual void ReadState(JsonElement state)
    {
    }

    /// <inheritdoc/>
    /// <remarks>False here: the algorithm reads <see cref="WinRates"/>, so every iteration is evaluated, since its win
    /// rates are computed anyway and serve the gaps too.</remarks>
    public virtual bool LearnsFromSamples => false;

    /// <inheritdoc/>
    public IterationMetrics Step(bool evaluate = true)
    {
        _evaluator.Begin(evaluate || !LearnsFromSamples);
        BeginIteration();
        for (int c = 0; c < _log.Length; c++)
        {
            _evaluator.Play(c, _policy[c]);
            Played(c, _next[c]);
        }
        Update(_next);
        for (int c = 0; c < _log.Length; c++)
        {
            LogMath.Normalise(_next[c]);
            LogMath.Exp(_next[c], _policy[c]);
            _evaluator.Moved(c, _policy[c], _next[c], _log[c]);
        }
        (_log, _next) = (_next, _log);
        var extras = new List<KeyValuePair<string, double>>();
        AddExtras(extras);
        return _evaluator.End(extras);
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (winRates, policy, played) = _regret.Sums;
        writer.WriteStartObject();
        writer.WriteString("algorithm", Name);
        writer.WriteNumber("iteration", Iteration);
        StateJson.WriteJagged(writer, "log_policy", _log);
        StateJson.WriteJagged(writer, "win_rate_sums", winRates);
        StateJson.WriteJagged(writer, "policy_sums", policy);
        StateJson.WriteArray(writer, "played_sums", played);
        if (!_regret.WinRateSumsComplete)
            writer.WriteBoolean("win_rate_sums_complete", false);
        WriteState(writer);
        _evaluator.WriteState(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public void LoadState(JsonElement state)
    {
        StateJson.ExpectAlgorithm(state, Name);
        var log = StateJson.ReadJagged(state, "log_policy", Game);
        _regret.Restore(
            state.GetProperty("iteration").GetInt32(),
            StateJson.ReadJagged(state, "win_rate_sums", Game),
            StateJson.ReadJagged(state, "policy_sums", Game),
            StateJson.ReadArray(state, "played_sums", Game.Contexts.Count),
            !state.TryGetProperty("win_rate_sums_complete", out var complete) || complete.GetBoolean());
        for (int c = 0; c < _log.Length; c++)
        {
            log[c].CopyTo(_log[c], 0);
            LogMath.Exp(_log[c], _policy[c]);
        }
        ReadState(state);
        _evaluator.ReadState(state);
    }
}
