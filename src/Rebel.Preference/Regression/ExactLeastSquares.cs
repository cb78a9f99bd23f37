using MathNet.Numerics.LinearAlgebra;
using Rebel.Preference.Policies;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Regression;

/// <summary>
/// Solves the REBEL regression exactly. Writing <c>u = (θ − θ_t)/η</c>, each row asks
/// <c>(φ(x,a) − φ(x,b))·u ≈ r̂(a) − r̂(b)</c>; the ridge solution <c>u = (FᵀF + λI)⁻¹ Fᵀt</c> is the minimum-norm
/// one as λ → 0 (the natural-gradient step, paper Claim 1), and <c>θ_{t+1} = θ_t + η u</c>. For the tabular softmax
/// the problem splits into one tiny system per context over the responses it sampled, solved without allocation;
/// other policy classes solve one d×d system with MathNet.
/// </summary>
public sealed class ExactLeastSquares
{
    private readonly double _ridge;
    private readonly int[] _local;
    private readonly int[] _responses;
    private readonly double[] _normal;
    private readonly double[] _solution;

    /// <summary>Creates a solver for contexts of at most <paramref name="maxResponses"/> responses.</summary>
    /// <param name="ridge">λ ≥ 0; must be positive when a context's rows do not determine every sampled logit up to a constant.</param>
    /// <param name="maxResponses">Largest response set.</param>
    public ExactLeastSquares(double ridge, int maxResponses)
    {
        if (!(ridge >= 0) || double.IsInfinity(ridge))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "ridge must be a non-negative finite number");
        _ridge = ridge;
        _local = Enumerable.Repeat(-1, maxResponses).ToArray();
        _responses = new int[maxResponses];
        _normal = new double[maxResponses * maxResponses];
        _solution = new double[maxResponses];
    }

    /// <summary>Fits <paramref name="rows"/>, moves the model's parameters by <c>η u</c> and returns the fit quality.</summary>
    public RegressionResult Fit(IPolicyModel model, RegressionRows rows, double eta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        return model is TabularSoftmaxPolicy tabular ? FitTabular(tabular, rows, eta) : FitDense(model, rows, eta);
    }

    private RegressionResult FitTabular(TabularSoftmaxPolicy model, RegressionRows rows, double eta)
    {
        double residual = 0, sum = 0, sumSquares = 0;
        int start = 0;
        while (start < rows.Count)
        {
            int context = rows.Context(start), end = start;
            int m = 0;
            while (end < rows.Count && rows.Context(end) == context)
            {
                m = Index(rows.A(end), m);
                m = Index(rows.B(end), m);
                end++;
            }
            var normal = _normal.AsSpan(0, m * m);
            var u = _solution.AsSpan(0, m);
            normal.Clear();
            u.Clear();
            for (int i = 0; i < m; i++)
                normal[i * m + i] = _ridge;
            for (int r = start; r < end; r++)
            {
                int a = _local[rows.A(r)], b = _local[rows.B(r)];
                if (a == b)
                    continue;
                double t = rows.Target(r);
                normal[a * m + a] += 1;
                normal[b * m + b] += 1;
                normal[a * m + b] -= 1;
                normal[b * m + a] -= 1;
                u[a] += t;
                u[b] -= t;
            }
            if (_ridge == 0)
                PinGauge(normal, m);
            SmallCholesky.Solve(normal, u, m);
            for (int r = start; r < end; r++)
            {
                double t = rows.Target(r);
                double e = u[_local[rows.A(r)]] - u[_local[rows.B(r)]] - t;
                residual += e * e;
                sum += t;
                sumSquares += t * t;
            }
            int offset = model.Offset(context);
            for (int i = 0; i < m; i++)
            {
                model.Parameters[offset + _responses[i]] += eta * u[i];
                _local[_responses[i]] = -1;
            }
            start = end;
        }
        return RegressionResult.From(residual, sumSquares - sum * sum / Math.Max(1, rows.Count), rows.Count);
    }

    /// <summary>
    /// Without a ridge the logits are determined only up to a constant (the normaliser); adding <c>11ᵀ</c> picks the
    /// solution with zero sum, the minimum-norm one when the pairs connect every sampled response.
    /// </summary>
    private static void PinGauge(Span<double> normal, int m)
    {
        for (int i = 0; i < normal.Length; i++)
            normal[i] += 1.0 / m;
    }

    private int Index(int response, int m)
    {
        if (_local[response] >= 0)
            return m;
        _local[response] = m;
        _responses[m] = response;
        return m + 1;
    }

    private static RegressionResult FitDense(IPolicyModel model, RegressionRows rows, double eta, double ridge, int width)
    {
        int p = model.Parameters.Length;
        var normal = Matrix<double>.Build.DenseDiagonal(p, p, ridge);
        var rhs = Vector<double>.Build.Dense(p);
        var index = new int[width];
        var value = new double[width];
        for (int r = 0; r < rows.Count; r++)
        {
            int k = model.DifferenceFeatures(rows.Context(r), rows.A(r), rows.B(r), index, value);
            for (int i = 0; i < k; i++)
            {
                rhs[index[i]] += value[i] * rows.Target(r);
                for (int j = 0; j < k; j++)
                    normal[index[i], index[j]] += value[i] * value[j];
            }
        }
        var u = normal.Cholesky().Solve(rhs);
        double residual = 0, sum = 0, sumSquares = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            int k = model.DifferenceFeatures(rows.Context(r), rows.A(r), rows.B(r), index, value);
            double prediction = 0;
            for (int i = 0; i < k; i++)
                prediction += value[i] * u[index[i]];
            double t = rows.Target(r);
            residual += (prediction - t) * (prediction - t);
            sum += t;
            sumSquares += t * t;
        }
        for (int i = 0; i < p; i++)
            model.Parameters[i] += eta * u[i];
        return RegressionResult.From(residual, sumSquares - sum * sum / Math.Max(1, rows.Count), rows.Count);
    }

    private RegressionResult FitDense(IPolicyModel model, RegressionRows rows, double eta) =>
        FitDense(model, rows, eta, _ridge, model.MaxDifferenceFeatures);
}
