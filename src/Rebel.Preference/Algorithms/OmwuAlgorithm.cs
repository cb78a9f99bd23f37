using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Optimistic multiplicative weights, tabular (<c>--algo omwu</c>): <c>π_{t+1} ∝ π_t exp(η(2 g_t − g_{t−1}))</c> with
/// <c>g_t</c> the importance-weighted self-play estimate of <c>P π_t</c> (exact with <c>--samples all</c> and exact
/// feedback) and <c>g_{−1} = g_0</c>. With exact win rates the optimistic correction makes the last iterate converge
/// on games with an interior minimax winner, where plain mirror descent cycles.
/// </summary>
public sealed class OmwuAlgorithm : SampledSelfPlay
{
    private readonly double[][] _previous;

    /// <summary>Creates OMWU with step size <paramref name="eta"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The oracle's contexts or responses differ from the game's.</exception>
    public OmwuAlgorithm(TabularGame game, double eta, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        Eta = eta;
        _previous = game.Contexts.Select(c => new double[c.Count]).ToArray();
    }

    /// <inheritdoc/>
    public override string Name => "omwu";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        bool first = Iteration == 0;
        var log = LogPolicy(context);
        var g = EstimateWinRates(context, []);
        var previous = _previous[context];
        for (int i = 0; i < log.Length; i++)
        {
            double before = first ? g[i] : previous[i];
            next[i] = log[i] + Eta * (2 * g[i] - before);
            previous[i] = g[i];
        }
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        StateJson.WriteJagged(writer, "previous_win_rates", _previous);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        base.ReadState(state);
        StateJson.ReadJaggedInto(state, "previous_win_rates", Game, _previous);
    }
}
