using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// A Bradley–Terry game <c>P(a ≻ b) = σ(u(a) − u(b))</c>: transitive, so the response of largest utility is a
/// Condorcet winner and the pure minimax winner. Utilities are drawn N(0, scale²) from the seed unless given;
/// the feature of response y is <c>u(y)</c>.
/// </summary>
public sealed class TransitiveGame : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "transitive";

    /// <inheritdoc/>
    public string Description => "Bradley-Terry P = sigma(u(a) - u(b)); the top-utility response is a Condorcet winner";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "5", "number of responses, in [1, 16384] (taken from utilities when given)"),
        new("scale", "1", "standard deviation of the random utilities, in (0, 100]"),
        new("utilities", "", "utilities u1/u2/...; empty: random from the seed"),
        new("seed", "0", "seed of the random utilities"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Matrix<double> u;
        if (spec.GetString("utilities").Length == 0)
        {
            int n = spec.GetResponses("n", 1);
            u = Preferences.Gaussian(new SeededRandom(spec.GetSeed("seed")), n, 1, spec.GetPositiveDouble("scale", 100));
        }
        else
        {
            double[] given = spec.GetDoubles("utilities");
            if (spec.IsGiven("n") && spec.GetInt("n") != given.Length)
                throw spec.Bad("n", spec.GetString("n"), $"{given.Length}, the number of utilities given");
            u = Matrix<double>.Build.Dense(given.Length, 1, given);
        }
        var p = Preferences.FromUpper(u.RowCount, (a, b) => Preferences.Logistic(u[a, 0] - u[b, 0]));
        return Preferences.Single(spec, Preferences.Names(u.RowCount), p, u);
    }
}
