using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Exact;

/// <summary>
/// Hodge (Schur) decomposition of a skew-symmetric n×n matrix <c>A</c>: <c>div A = (1/n) A 1</c>,
/// <c>grad = div 1ᵀ − 1 divᵀ</c>, <c>rot = A − grad</c>. The preference is transitive iff <c>rot = 0</c>;
/// the cyclic share <c>‖rot‖² / ‖A‖²</c> measures how intransitive it is.
/// </summary>
public sealed class HodgeDecomposition
{
    private HodgeDecomposition(Matrix<double> gradient, Matrix<double> rotational, double cyclicShare)
    {
        Gradient = gradient;
        Rotational = rotational;
        CyclicShare = cyclicShare;
    }

    /// <summary>The gradient (transitive) part.</summary>
    public Matrix<double> Gradient { get; }

    /// <summary>The rotational (cyclic) part.</summary>
    public Matrix<double> Rotational { get; }

    /// <summary><c>‖rot‖²_F / ‖A‖²_F</c>, in [0, 1]; 0 for the zero matrix.</summary>
    public double CyclicShare { get; }

    /// <summary>Decomposes a skew-symmetric matrix.</summary>
    public static HodgeDecomposition Of(Matrix<double> skew)
    {
        ArgumentNullException.ThrowIfNull(skew);
        int n = skew.RowCount;
        if (skew.ColumnCount != n)
            throw new ArgumentException("the matrix must be square", nameof(skew));
        var div = skew.RowSums() / n;
        var gradient = Matrix<double>.Build.Dense(n, n, (i, j) => div[i] - div[j]);
        var rotational = skew - gradient;
        double total = SquaredNorm(skew);
        double share = total == 0 ? 0 : SquaredNorm(rotational) / total;
        return new HodgeDecomposition(gradient, rotational, share);
    }

    /// <summary>Decomposes the margin <c>M = P − 1/2</c> of a context.</summary>
    public static HodgeDecomposition OfMargin(GameContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.Preference - 0.5);
    }

    /// <summary>Decomposes the logit <c>log(P / (1 − P))</c> of a context: zero rotation iff P is Bradley–Terry.</summary>
    public static HodgeDecomposition OfLogit(GameContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.Preference.Map(p => Math.Log(p) - Math.Log(1 - p)));
    }

    /// <summary>The weighted cyclic share of a game's margins, <c>Σ ρ ‖rot‖² / Σ ρ ‖M‖²</c>.</summary>
    public static double CyclicShareOf(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        double rot = 0, total = 0;
        foreach (var c in game.Contexts)
        {
            var margin = c.Preference - 0.5;
            double squared = SquaredNorm(margin);
            total += c.Weight * squared;
            rot += c.Weight * Of(margin).CyclicShare * squared;
        }
        return total == 0 ? 0 : rot / total;
    }

    // MathNet 5's FrobeniusNorm forms AᵀA (O(n³)); the squared norm is one pass over the entries.
    private static double SquaredNorm(Matrix<double> m)
    {
        double sum = 0;
        foreach (double v in m.Enumerate())
            sum += v * v;
        return sum;
    }
}
