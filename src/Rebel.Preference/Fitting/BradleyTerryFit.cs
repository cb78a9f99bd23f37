using MathNet.Numerics.LinearAlgebra;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Fitting;

/// <summary>
/// Maximum-likelihood Bradley–Terry utilities from pairwise outcomes: maximise
/// <c>Σ_{a≠b} W_ab ln σ(s_a − s_b) − (λ/2)‖s‖²</c>, where <c>W_ab</c> is the (possibly fractional) number of times a
/// beat b. The objective is concave, so Newton's method (MathNet Cholesky on the negated Hessian) converges from any
/// start; the ridge fixes the additive gauge and keeps utilities finite when a response always wins.
/// </summary>
public static class BradleyTerryFit
{
    private const int MaxNewtonSteps = 100;
    private const double StepTolerance = 1e-12;

    /// <summary>Fits utilities to the row-major n×n win matrix <paramref name="wins"/>.</summary>
    /// <param name="wins"><c>W[a·n + b]</c>: weight of outcomes where a beat b (non-negative, finite).</param>
    /// <param name="n">Number of responses.</param>
    /// <param name="ridge">λ &gt; 0.</param>
    /// <param name="start">Optional warm start (length n).</param>
    public static double[] Fit(ReadOnlySpan<double> wins, int n, double ridge, ReadOnlySpan<double> start = default)
    {
        if (wins.Length < n * n)
            throw new ArgumentException("the win matrix must have n² entries", nameof(wins));
        if (!(ridge > 0) || double.IsInfinity(ridge))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "the Bradley–Terry ridge must be a positive finite number");
        var s = Vector<double>.Build.Dense(n);
        if (!start.IsEmpty)
            for (int i = 0; i < n; i++)
                s[i] = start[i];
        var hessian = Matrix<double>.Build.Dense(n, n);
        var gradient = Vector<double>.Build.Dense(n);
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            hessian.Clear();
            for (int a = 0; a < n; a++)
            {
                gradient[a] = -ridge * s[a];
                hessian[a, a] = ridge;
            }
            for (int a = 0; a < n; a++)
            {
                for (int b = a + 1; b < n; b++)
                {
                    double total = wins[a * n + b] + wins[b * n + a];
                    if (total == 0)
                        continue;
                    double p = LogMath.Sigmoid(s[a] - s[b]);
                    double g = wins[a * n + b] - total * p;
                    double h = total * p * (1 - p);
                    gradient[a] += g;
                    gradient[b] -= g;
                    hessian[a, a] += h;
                    hessian[b, b] += h;
                    hessian[a, b] -= h;
                    hessian[b, a] -= h;
                }
            }
            var delta = hessian.Cholesky().Solve(gradient);
            s += delta;
            if (delta.InfinityNorm() < StepTolerance)
                break;
        }
        return s.ToArray();
    }
}
