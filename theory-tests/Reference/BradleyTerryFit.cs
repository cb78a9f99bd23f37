using MathNet.Numerics.LinearAlgebra;

namespace Rebel.TheoryTests.Reference;

/// <summary>
/// The population maximum-likelihood Bradley–Terry reward of a preference matrix: with every ordered pair observed
/// equally often, <c>r̂ = argmax_r Σ_{i≠j} P_ij log σ(r_i − r_j)</c>. The log-likelihood is concave with gradient
/// <c>Σ_{j≠i} (P_ij − σ(r_i − r_j))</c>; Newton's method with the gauge <c>Σ r = 0</c> converges in a few steps when
/// every entry is strictly inside (0, 1).
/// </summary>
internal static class BradleyTerryFit
{
    /// <summary>The MLE reward (zero mean).</summary>
    public static Vector<double> Reward(Matrix<double> p)
    {
        int n = p.RowCount;
        var r = Vector<double>.Build.Dense(n);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var gradient = Gradient(p, r);
            if (gradient.InfinityNorm() <= 1e-14)
                break;
            // Negative Hessian plus 11ᵀ/n: positive definite on the whole space, and its Newton step keeps Σ r = 0.
            var h = Matrix<double>.Build.Dense(n, n, 1.0 / n);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == j)
                        continue;
                    double s = Sigmoid(r[i] - r[j]);
                    h[i, i] += s * (1 - s);
                    h[i, j] -= s * (1 - s);
                }
            }
            r += h.Solve(gradient);
        }
        return r;
    }

    /// <summary><c>∂/∂r_i = Σ_{j≠i} (P_ij − σ(r_i − r_j))</c>.</summary>
    public static Vector<double> Gradient(Matrix<double> p, Vector<double> r) =>
        Vector<double>.Build.Dense(p.RowCount, i => Enumerable.Range(0, p.RowCount).Where(j => j != i).Sum(j => p[i, j] - Sigmoid(r[i] - r[j])));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
