using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// The disc game (Balduzzi et al. 2019): n points u on the unit circle, the purely cyclic score
/// <c>f(a, b) = u_a × u_b = u_a1 u_b2 − u_a2 u_b1 = sin(θ_b − θ_a)</c>, and
/// <c>P(a ≻ b) = (1 + f)/2</c> (link <c>linear</c>) or <c>σ(scale · f)</c> (link <c>sigmoid</c>).
/// Random points are normalised Gaussian pairs (uniform on the circle, no trigonometry, so bit-reproducible);
/// <c>layout=even</c> spaces them at angles 2πi/n. The features of a response are its point <c>(cos θ, sin θ)</c>.
/// </summary>
public sealed class DiscGame : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "disc";

    /// <inheritdoc/>
    public string Description => "disc game: points on the unit circle, P = (1 + sin(tb - ta))/2 or sigma(scale sin(tb - ta))";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "8", "number of points, in [2, 16384]"),
        new("layout", "random", "random (uniform on the circle, from the seed) or even (angles 2 pi i/n)"),
        new("link", "linear", "linear: P = (1 + f)/2; sigmoid: P = sigma(scale f)"),
        new("scale", "4", "slope of the sigmoid link, in (0, 100]"),
        new("seed", "0", "seed of the random points"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.GetResponses("n", 2);
        bool even = spec.GetChoice("layout", "random", "even") == "even";
        bool linear = spec.GetChoice("link", "linear", "sigmoid") == "linear";
        double scale = spec.GetPositiveDouble("scale", 100);
        var points = even ? EvenPoints(n) : RandomPoints(new SeededRandom(spec.GetSeed("seed")), n);
        var p = Preferences.FromUpper(n, (a, b) =>
        {
            double f = points[a, 0] * points[b, 1] - points[a, 1] * points[b, 0];
            return linear ? Math.Clamp((1 + f) / 2, 0, 1) : Preferences.Logistic(scale * f);
        });
        return Preferences.Single(spec, Preferences.Names(n), p, points);
    }

    private static DenseMatrix EvenPoints(int n) =>
        DenseMatrix.Create(n, 2, (i, k) => k == 0 ? Math.Cos(2 * Math.PI * i / n) : Math.Sin(2 * Math.PI * i / n));

    private static DenseMatrix RandomPoints(SeededRandom rng, int n)
    {
        var points = new DenseMatrix(n, 2);
        for (int i = 0; i < n; i++)
        {
            double x, y, r;
            do
            {
                x = rng.NextGaussian();
                y = rng.NextGaussian();
                r = Math.Sqrt(x * x + y * y);
            }
            while (r == 0);
            points[i, 0] = x / r;
            points[i, 1] = y / r;
        }
        return points;
    }
}
