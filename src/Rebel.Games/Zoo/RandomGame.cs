using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// A random game with a chosen cyclic share s. A random skew matrix (upper entries N(0, 1)) is split by the Hodge
/// decomposition into its gradient part G and rotational part R, which are orthogonal; the margin
/// <c>M = √(1 − s) G/‖G‖ + √s R/‖R‖</c> then has <c>‖rot M‖² / ‖M‖² = s</c> exactly. It is scaled so its largest
/// entry is <c>strength/2</c>, and <c>P = 1/2 + M</c> (scaling keeps the share).
/// </summary>
public sealed class RandomGame : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public string Description => "random game whose margin has the given cyclic share (Hodge: rotational / total)";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "8", "number of responses, in [3, 4096]"),
        new("share", "0.5", "cyclic share ||rot||^2/||M||^2 of the margin, in [0, 1]"),
        new("strength", "1", "largest margin |P - 1/2| is strength/2, in (0, 1]"),
        new("seed", "0", "seed of the random skew matrix"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.GetInt("n", 3, 4096);
        double share = spec.GetDouble("share", 0, 1);
        double strength = spec.GetDouble("strength", double.Epsilon, 1);
        var margin = Margin(new SeededRandom(spec.GetSeed("seed")), n, share);
        double scale = strength / (2 * margin.Enumerate().Max(Math.Abs));
        var p = Preferences.FromUpper(n, (i, j) => Math.Clamp(0.5 + scale * margin[i, j], 0, 1));
        return Preferences.Single(spec, Preferences.Names(n), p);
    }

    /// <summary>A unit-norm skew matrix with cyclic share <paramref name="share"/>.</summary>
    private static Matrix<double> Margin(SeededRandom rng, int n, double share)
    {
        var skew = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double g = rng.NextGaussian();
                skew[i, j] = g;
                skew[j, i] = -g;
            }
        var hodge = HodgeDecomposition.Of(skew);
        // With n ≥ 3 both parts of a Gaussian skew matrix are non-zero with probability 1.
        return hodge.Gradient * (Math.Sqrt(1 - share) / hodge.Gradient.FrobeniusNorm())
            + hodge.Rotational * (Math.Sqrt(share) / hodge.Rotational.FrobeniusNorm());
    }
}
