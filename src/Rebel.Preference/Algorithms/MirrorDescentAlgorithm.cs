using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Json;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Exact self-play mirror descent (<c>--algo mirror-descent</c>): the reference every sampled algorithm is
/// compared with. Wraps <see cref="MirrorDescent"/> from the exact core.
/// </summary>
public sealed class MirrorDescentAlgorithm : ISelfPlayAlgorithm
{
    private readonly MirrorDescent _md;
    private readonly PolicyEvaluator _evaluator;

    /// <summary>Creates mirror descent on <paramref name="game"/> with step size <paramref name="eta"/>.</summary>
    /// <param name="game">The game.</param>
    /// <param name="eta">The step size η.</param>
    public MirrorDescentAlgorithm(TabularGame game, double eta)
    {
        Game = game;
        _md = new MirrorDescent(game, eta);
        // The fused kernel computes P π and the regret sums in one pass; the evaluator forms the metrics from them.
        _evaluator = new PolicyEvaluator(game, learnerRegret: _md.Regret);
    }

    /// <inheritdoc/>
    public string Name => "mirror-descent";

    /// <inheritdoc/>
    public TabularGame Game { get; }

    /// <summary>The step size η.</summary>
    public double Eta => _md.Eta;

    /// <inheritdoc/>
    public int Iteration => _md.Iteration;

    /// <inheritdoc/>
    public TabularPolicy Current => _md.Current;

    /// <inheritdoc/>
    public TabularPolicy Average => _md.Average;

    /// <inheritdoc/>
    public IterationMetrics Step(bool evaluate = true)
    {
        _evaluator.Begin();
        _md.Step();
        // The new iterate, whose gap the step computed; only read when the distance is reported, since it costs a copy.
        var reached = _evaluator.NeedsPolicy ? _md.Current : null;
        var steps = _md.ContextSteps;
        for (int c = 0; c < steps.Length; c++)
        {
            _evaluator.Reached(c, steps[c].BestWinRate, reached is null ? [] : reached[c].ToArray());
            _evaluator.Moved(c, steps[c].KlStep, steps[c].Entropy, steps[c].KlToReference);
        }
        return _evaluator.End();
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (winRates, policy, played) = _md.Regret.Sums;
        writer.WriteStartObject();
        writer.WriteString("algorithm", Name);
        writer.WriteNumber("iteration", _md.Iteration);
        StateJson.WriteJagged(writer, "log_policy", _md.CurrentLogWeights);
        StateJson.WriteJagged(writer, "win_rate_sums", winRates);
        StateJson.WriteJagged(writer, "policy_sums", policy);
        StateJson.WriteArray(writer, "played_sums", played);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public void LoadState(JsonElement state)
    {
        StateJson.ExpectAlgorithm(state, Name);
        _md.Restore(
            StateJson.ReadJagged(state, "log_policy", Game),
            state.GetProperty("iteration").GetInt32(),
            StateJson.ReadJagged(state, "win_rate_sums", Game),
            StateJson.ReadJagged(state, "policy_sums", Game),
            StateJson.ReadArray(state, "played_sums", Game.Contexts.Count));
    }
}
