using Rebel.Games;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// The multiplicative weights update in its linear form (Arora, Hazan and Kale 2012), <c>--algo linear-mwu</c>: each
/// response's weight is multiplied by <c>1 + η g_t(y)</c>, where <c>g_t = P π_t − 1/2</c> is its exact win-rate
/// advantage over the iterate played, so <c>π_{t+1} ∝ π_t ⊙ (1 + η g_t)</c> where Hedge (mirror descent) has
/// <c>exp(η g_t)</c>. In a symmetric game <c>π_t · g_t = 0</c>, so the total weight stays n, and
/// <c>ln(1 + x) ≥ x − x²</c> for <c>x ≥ −1/2</c> bounds every response's summed advantage by
/// <c>ln n / η + η T / 4</c> when η ≤ 1: the average iterate's duality gap is at most <c>2 ln n / (ηT) + η/2</c>,
/// <c>2 sqrt(ln n / T)</c> at the default <c>η = min(1, 2 sqrt(ln n / T))</c> (n the largest response set).
/// </summary>
public sealed class LinearMwuAlgorithm : TabularSelfPlay
{
    /// <summary>Creates the update on <paramref name="game"/> with step size <paramref name="eta"/>.</summary>
    /// <exception cref="OptionException">η above 1, where a factor may fall below 1/2 and the bound no longer holds.</exception>
    public LinearMwuAlgorithm(TabularGame game, double eta)
        : base(game)
    {
        // η ≤ 1 keeps every factor 1 + η g in [1/2, 3/2] (|g| ≤ 1/2), where ln(1 + x) ≥ x − x² gives the bound.
        if (!(eta > 0 && eta <= 1))
            throw OptionException.Of<LinearMwuOptions>(nameof(LinearMwuOptions.Eta), eta, "must lie in (0, 1]: every factor 1 + η(r − 1/2) then lies in [1/2, 3/2], where the regret bound holds");
        Eta = eta;
    }

    /// <inheritdoc/>
    public override string Name => "linear-mwu";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>
    /// The step that minimises the bound <c>2 ln n / (ηT) + η/2</c> for the horizon <paramref name="horizon"/>,
    /// <c>2 sqrt(ln n / T)</c>, capped at 1 where the bound holds (n the largest response set, at least 2).
    /// </summary>
    public static double TunedEta(TabularGame game, int horizon)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Math.Min(1, 2 * Math.Sqrt(Math.Log(Math.Max(2, game.MaxResponses)) / Math.Max(1, horizon)));
    }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var winRates = WinRates(c);
            for (int y = 0; y < log.Length; y++)
                next[c][y] = log[y] + Math.Log(1 + Eta * (winRates[y] - 0.5));
        }
    }
}
