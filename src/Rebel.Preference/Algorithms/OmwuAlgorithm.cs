using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Optimistic multiplicative weights, exact tabular form (<c>--algo omwu</c>): <c>π_{t+1} ∝ π_t exp(η(2 g_t − g_{t−1}))</c>
/// with <c>g_t = P π_t</c> and <c>g_{−1} = g_0</c>. The optimistic correction makes the last iterate converge on
/// games with an interior minimax winner, where plain mirror descent cycles.
/// </summary>
public sealed class OmwuAlgorithm : TabularSelfPlay
{
    private readonly double[][] _previous;

    /// <summary>Creates OMWU with step size <paramref name="eta"/>.</summary>
    public OmwuAlgorithm(TabularGame game, double eta)
        : base(game)
    {
        Eta = eta;
        _previous = game.Contexts.Select(c => new double[c.Count]).ToArray();
    }

    /// <inheritdoc/>
    public override string Name => "omwu";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        bool first = Iteration == 0;
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var g = WinRates(c);
            var previous = _previous[c];
            for (int i = 0; i < log.Length; i++)
            {
                double before = first ? g[i] : previous[i];
                next[c][i] = log[i] + Eta * (2 * g[i] - before);
                previous[i] = g[i];
            }
        }
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer) => StateJson.WriteJagged(writer, "previous_win_rates", _previous);

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        var previous = StateJson.ReadJagged(state, "previous_win_rates", Game);
        for (int c = 0; c < _previous.Length; c++)
            previous[c].CopyTo(_previous[c], 0);
    }
}
