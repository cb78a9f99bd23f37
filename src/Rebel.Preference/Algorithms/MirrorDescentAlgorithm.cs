using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Exact self-play mirror descent (<c>--algo mirror-descent</c>): the reference every sampled algorithm is
/// compared with. Wraps <see cref="MirrorDescent"/> from the exact core.
/// </summary>
public sealed class MirrorDescentAlgorithm : ISelfPlayAlgorithm
{
    private readonly MirrorDescent _md;
    private MinimaxWinnerDistance? _distance;

    /// <summary>Creates mirror descent on <paramref name="game"/> with step size <paramref name="eta"/>.</summary>
    /// <param name="game">The game.</param>
    /// <param name="eta">The step size η.</param>
    /// <param name="shared">The shared options, checked to ask for nothing but η: the reference never samples (REBEL is its sampled form).</param>
    /// <exception cref="ArgumentException">A sampling or fitting option is set.</exception>
    public MirrorDescentAlgorithm(TabularGame game, double eta, SelfPlayOptions? shared = null)
    {
        shared?.RequireOnly("mirror-descent", "it is the exact reference and never samples; its sampled form is rebel", "eta");
        Game = game;
        _md = new MirrorDescent(game, eta);
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
    public IterationMetrics Step()
    {
        // Solved at the first step, not in the constructor: a run's algorithm is also built only to validate options.
        var distance = _distance ??= MinimaxWinnerDistance.For(Game);
        // The iterate about to be played; only read when the distance is reported, since it costs a copy.
        var played = distance.IsDefined ? _md.Current : null;
        var s = _md.Step();
        var extras = new List<KeyValuePair<string, double>>();
        double last = 0;
        for (int c = 0; played is not null && c < Game.Contexts.Count; c++)
            last += distance.Weight(c) * distance.Of(c, played[c].ToArray());
        MinimaxWinnerMetrics.Add(extras, distance, last, _md.Regret);
        return new IterationMetrics(s.Iteration, s.DualityGapLast, s.DualityGapAverage, s.AverageRegret, s.KlStep, s.Entropy, extras);
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (winRates, policy, played) = _md.Regret.Sums;
        writer.WriteStartObject();
        writer.WriteString("algorithm", Name);
        writer.WriteNumber("iteration", _md.Iteration);
        StateJson.WriteJagged(writer, "log_policy", _md.CurrentLog);
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
