using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// K Bradley–Terry voter populations, each with its own utilities <c>u_k</c> over the n responses, aggregated:
/// <c>P(a ≻ b) = Σ_k w_k σ(u_k(a) − u_k(b))</c>. Each population alone is transitive; their mixture is in general not.
/// Utilities are given, or drawn from the seed: with <c>layout=random</c> (the default) <c>u_k(y) ~ N(0, scale²)</c>,
/// intransitive in general though such mixtures often keep a Condorcet winner (the default game does); with
/// <c>layout=cyclic</c> population k ranks the responses in the order rotated by ⌊k n / K⌋,
/// <c>u_k(y) = scale · ((y + ⌊k n/K⌋) mod n)/(n − 1) + jitter · N(0, 1)</c>, the Condorcet-paradox pattern: with K = n
/// every rotation appears once, so without jitter the preference is circulant and uniform is the minimax winner, and
/// a small jitter breaks the symmetry without creating a Condorcet winner. The features of response y are
/// <c>(u_1(y), …, u_K(y))</c>.
/// </summary>
public sealed class BradleyTerryMixture : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "bt-mixture";

    /// <inheritdoc/>
    public string Description => "mixture of K Bradley-Terry populations, P = sum_k w_k sigma(u_k(a) - u_k(b)); intransitive in general";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "5", "number of responses, in [2, 16384] (taken from utilities when given)"),
        new("k", "3", "number of populations, in [1, 64] (taken from utilities when given)"),
        new("layout", "random", "random: i.i.d. N(0, scale^2) utilities; cyclic: populations rank the responses in rotated orders, plus jitter"),
        new("scale", "3", "utility spread: range of a cyclic ranking, or standard deviation of random utilities, in (0, 100]"),
        new("jitter", "0.25", "standard deviation of the noise added to cyclic utilities, in [0, 100]"),
        new("weights", "", "population weights w1/w2/..., positive (normalised); empty: equal"),
        new("utilities", "", "utilities, one row per population: u11/u12/...;u21/...; empty: random from the seed"),
        new("seed", "0", "seed of the random utilities"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var utilities = Utilities(spec);
        int k = utilities.ColumnCount, n = utilities.RowCount;
        double[] w = spec.GetString("weights").Length == 0 ? Enumerable.Repeat(1.0, k).ToArray() : spec.GetDoubles("weights", 0);
        if (w.Length != k || w.Any(x => x <= 0))
            throw spec.Bad("weights", spec.GetString("weights"), $"{k} positive numbers (one per population)");
        double total = w.Sum();
        var p = Preferences.FromUpper(n, (a, b) =>
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += w[c] * Preferences.Logistic(utilities[a, c] - utilities[b, c]);
            return sum / total;
        });
        return Preferences.Single(spec, Preferences.Names(n), p, utilities);
    }

    /// <summary>The n×K utility matrix (one row per response), given or drawn.</summary>
    private static Matrix<double> Utilities(GameSpec spec)
    {
        var given = spec.GetMatrix("utilities");
        if (given is null)
        {
            int n = spec.GetResponses("n", 2);
            int k = spec.GetInt("k", 1, 64);
            double scale = spec.GetPositiveDouble("scale", 100);
            bool cyclic = spec.GetChoice("layout", "random", "cyclic") == "cyclic";
            var rng = new SeededRandom(spec.GetSeed("seed"));
            if (!cyclic)
                return Preferences.Gaussian(rng, n, k, scale);
            double jitter = spec.GetDouble("jitter", 0, 100);
            return DenseMatrix.Create(n, k, (y, c) => scale * ((y + c * n / k) % n) / Math.Max(1, n - 1)) + Preferences.Gaussian(rng, n, k, jitter);
        }
        var u = DenseMatrix.OfRowArrays(given).Transpose();
        if (spec.IsGiven("n") && spec.GetInt("n") != u.RowCount)
            throw spec.Bad("n", spec.GetString("n"), $"{u.RowCount}, the number of utilities per population given");
        if (spec.IsGiven("k") && spec.GetInt("k") != u.ColumnCount)
            throw spec.Bad("k", spec.GetString("k"), $"{u.ColumnCount}, the number of populations given");
        if (u.RowCount < 2)
            throw spec.Bad("utilities", spec.GetString("utilities"), "rows of at least 2 utilities");
        return u;
    }
}
