using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// A random game with a chosen cyclic share s. A random skew matrix A (upper entries N(0, 1)) splits by the Hodge
/// decomposition into its gradient part G (<c>G_ij = d_i − d_j</c>, d the row means) and rotational part
/// R = A − G, which are orthogonal; the margin <c>M = √(1 − s) G/‖G‖ + √s R/‖R‖</c> then has
/// <c>‖rot M‖² / ‖M‖² = s</c> exactly. It is scaled so its largest entry is <c>strength/2</c>, and <c>P = 1/2 + M</c>
/// (scaling keeps the share).
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
        new("n", "8", "number of responses, in [3, 16384]"),
        new("share", "0.5", "cyclic share ||rot||^2/||M||^2 of the margin, in [0, 1]"),
        new("strength", "1", "largest margin |P - 1/2| is strength/2, in (0, 1]"),
        new("seed", "0", "seed of the random skew matrix"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.GetResponses("n", 3, matrices: 2);
        double share = spec.GetDouble("share", 0, 1);
        double strength = spec.GetPositiveDouble("strength", 1);
        var margin = Margin(new SeededRandom(spec.GetSeed("seed")), n, share);
        double largest = 0;
        foreach (double m in margin)
            largest = Math.Max(largest, Math.Abs(m));
        double scale = strength / (2 * largest);
        var p = Preferences.FromUpper(n, (i, j) => Math.Clamp(0.5 + scale * margin[i * n + j], 0, 1));
        return Preferences.Single(spec, Preferences.Names(n), p);
    }

    /// <summary>
    /// The upper triangle (row-major, i &lt; j) of a skew margin with cyclic share <paramref name="share"/>.
    /// Works on the triangle directly because forming G and R as matrices and taking MathNet's Frobenius norms would
    /// cost O(n³) (MathNet 5 computes that norm through A Aᵀ); here everything is O(n²).
    /// </summary>
    private static double[] Margin(SeededRandom rng, int n, double share)
    {
        var a = new double[n * n];
        var d = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double g = rng.NextGaussian();
                a[i * n + j] = g;
                d[i] += g;
                d[j] -= g;
            }
        for (int i = 0; i < n; i++)
            d[i] /= n;
        double gradient2 = 0, total2 = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double gij = d[i] - d[j];
                gradient2 += gij * gij;
                total2 += a[i * n + j] * a[i * n + j];
            }
        }
        // ‖R‖² = ‖A‖² − ‖G‖² by orthogonality; with n ≥ 3 both are non-zero with probability 1.
        double gradientWeight = Math.Sqrt(1 - share) / Math.Sqrt(gradient2);
        double rotationalWeight = Math.Sqrt(share) / Math.Sqrt(total2 - gradient2);
        // M = wG G + wR (A − G) = (wG − wR) G + wR A.
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                a[i * n + j] = (gradientWeight - rotationalWeight) * (d[i] - d[j]) + rotationalWeight * a[i * n + j];
        return a;
    }
}
