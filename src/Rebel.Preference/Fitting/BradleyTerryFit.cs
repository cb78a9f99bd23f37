using MathNet.Numerics.LinearAlgebra;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference;

namespace Rebel.Preference.Fitting;

/// <summary>
/// Maximum-likelihood Bradley–Terry utilities from pairwise outcomes: maximise
/// <c>Σ_{a≠b} W_ab ln σ(s_a − s_b) − (λ/2)‖s‖²</c>, where <c>W_ab</c> is the (possibly fractional) number of times a
/// beat b. The objective is concave, so Newton's method (MathNet Cholesky on the negated Hessian) converges from any
/// start; the ridge fixes the additive gauge and keeps utilities finite when a response always wins. With no ridge
/// (the plain maximum-likelihood fit) the utilities of each group of compared responses are fixed only up to a
/// constant, pinned to zero sum by adding <c>(1/|C|) 1_C 1_Cᵀ</c> to the Hessian for each group C (which leaves the
/// Newton step on the level set of the likelihood); the maximum then exists only when, within each group, every
/// response beats some response that beats back — Zermelo's condition, checked before fitting.
/// </summary>
public static class BradleyTerryFit
{
    private const int MaxNewtonSteps = 100;
    private const double StepTolerance = 1e-12;

    /// <summary>Fits utilities to the row-major n×n win matrix <paramref name="wins"/>.</summary>
    /// <param name="wins"><c>W[a·n + b]</c>: weight of outcomes where a beat b (non-negative, finite).</param>
    /// <param name="n">Number of responses.</param>
    /// <param name="ridge">λ ≥ 0; 0 is the plain maximum-likelihood fit, zero-sum on each group of compared responses.</param>
    /// <param name="start">Optional warm start (length n).</param>
    /// <param name="names">Response names for error messages (indices when null).</param>
    /// <exception cref="ArgumentException">With λ = 0, data whose maximum-likelihood fit does not exist (a response of a group never loses, or never wins, within it).</exception>
    public static double[] Fit(ReadOnlySpan<double> wins, int n, double ridge, ReadOnlySpan<double> start = default, IReadOnlyList<string>? names = null)
    {
        if (wins.Length < n * n)
            throw new ArgumentException("the win matrix must have n² entries", nameof(wins));
        if (!(ridge >= 0) || double.IsInfinity(ridge))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "the Bradley–Terry ridge must be a non-negative finite number");
        int[]? group = ridge == 0 ? Groups(wins, n, names) : null;
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
            if (group is not null)
                PinGauge(hessian, group);
            var delta = hessian.Cholesky().Solve(gradient);
            s += delta;
            if (delta.InfinityNorm() < StepTolerance)
                break;
        }
        return s.ToArray();
    }

    /// <summary>
    /// The groups of responses linked by comparisons (union–find), after checking Zermelo's condition: within a group,
    /// the directed graph "a beat b at least once" must be strongly connected, else the likelihood keeps rising as a
    /// utility runs off to infinity.
    /// </summary>
    private static int[] Groups(ReadOnlySpan<double> wins, int n, IReadOnlyList<string>? names)
    {
        var root = Enumerable.Range(0, n).ToArray();
        var forward = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var backward = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                if (!(wins[a * n + b] > 0))
                    continue;
                root[Find(root, a)] = Find(root, b);
                forward[a].Add(b);
                backward[b].Add(a);
            }
        }
        var group = Enumerable.Range(0, n).Select(i => Find(root, i)).ToArray();
        var component = StrongComponents.Of(forward, backward);
        for (int a = 0; a < n; a++)
        {
            if (component[a] != component[group[a]])
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"response '{names?[a] ?? a.ToString(System.Globalization.CultureInfo.InvariantCulture)}': the maximum-likelihood Bradley–Terry fit does not exist (among the responses compared with it, some never lose or never win); use a ridge > 0"));
        }
        return group;
    }

    private static int Find(int[] root, int i)
    {
        while (root[i] != i)
            i = root[i] = root[root[i]];
        return i;
    }

    private static void PinGauge(Matrix<double> hessian, int[] group)
    {
        var size = group.GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        for (int a = 0; a < group.Length; a++)
            for (int b = 0; b < group.Length; b++)
                if (group[a] == group[b])
                    hessian[a, b] += 1.0 / size[group[a]];
    }
}
