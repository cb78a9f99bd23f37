using Rebel.Games;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Magnetic mirror descent, exact tabular form (<c>--algo mmd</c>):
/// <c>π_{t+1} ∝ [π_t π_ref^{ηα} exp(η g_t)]^{1/(1+ηα)}</c>, <c>g_t = P π_t</c>. The magnet makes the last iterate
/// converge to the α-regularised equilibrium (a quantal response near the minimax winner for small α).
/// </summary>
public sealed class MagneticMirrorDescentAlgorithm : TabularSelfPlay
{
    /// <summary>Creates MMD with step size <paramref name="eta"/> and magnet strength <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentException">A negative α.</exception>
    public MagneticMirrorDescentAlgorithm(TabularGame game, double eta, double alpha)
        : base(game)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentException(FormattableString.Invariant($"mmd --alpha {alpha}: must be a non-negative finite number"));
        (Eta, Alpha) = (eta, alpha);
    }

    /// <inheritdoc/>
    public override string Name => "mmd";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The magnet strength α.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        double magnet = Eta * Alpha;
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var g = WinRates(c);
            for (int i = 0; i < log.Length; i++)
                next[c][i] = (log[i] + magnet * reference[i] + Eta * g[i]) / (1 + magnet);
        }
    }
}
