using MathNet.Numerics.LinearAlgebra;
using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Policies;

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
    private readonly int[] _root;
    private readonly int[] _size;
    private double _residual;
    private double _sum;
    private double _sumSquares;
    private int _rows;

    /// <summary>Creates a solver for contexts of at most <paramref name="maxResponses"/> responses.</summary>
    /// <param name="ridge">λ ≥ 0; 0 gives the exact minimum-norm solution.</param>
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
        _root = new int[maxResponses];
        _size = new int[maxResponses];
    }

    /// <summary>Fits <paramref name="rows"/>, moves the model's parameters by <c>η u</c> and returns the fit quality.</summary>
    public RegressionResult Fit(IPolicyModel model, RegressionRows rows, double eta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (model is not TabularSoftmaxPolicy tabular)
            return FitDense(model, rows, eta);
        Reset();
        Accumulate(tabular, rows, eta);
        return Result;
    }

    /// <summary>The fit quality over everything accumulated since <see cref="Reset"/>.</summary>
    public RegressionResult Result => RegressionResult.From(_residual, _sumSquares - _sum * _sum / Math.Max(1, _rows), _rows);

    /// <summary>Starts a new iteration's accumulation of fit statistics.</summary>
    public void Reset() => (_residual, _sum, _sumSquares, _rows) = (0, 0, 0, 0);

    /// <summary>
    /// Solves the tabular rows given (some contexts' worth; contexts never span two calls) and adds their residuals
    /// to <see cref="Result"/>: lets a learner fit each context as soon as it is sampled.
    /// </summary>
    public void Accumulate(TabularSoftmaxPolicy model, RegressionRows rows, double eta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        FitTabular(model, rows, eta);
    }

    /// <summary>
    /// Solves context <paramref name="context"/>'s tabular regression whose rows are every pair <c>(a, b)</c> of its
    /// responses with targets <c>t(a) − t(b)</c>, in closed form: the targets are differences of one vector, so the fit
    /// is exact and the minimum-norm solution is <c>u = t − mean(t)</c> (O(n) instead of an n×n solve; a test checks it
    /// against <see cref="Fit"/> on the same rows). Adds the rows' statistics to <see cref="Result"/>.
    /// </summary>
    public void AccumulateComplete(TabularSoftmaxPolicy model, int context, ReadOnlySpan<double> targets, double eta)
    {
        ArgumentNullException.ThrowIfNull(model);
        int n = targets.Length, offset = model.Offset(context);
        double mean = AddPairSums(targets, ref _sum, ref _sumSquares);
        for (int a = 0; a < n; a++)
            model.Parameters[offset + a] += eta * (targets[a] - mean);
        _rows += n * (n - 1) / 2;
    }

    /// <summary>
    /// Adds, over the pairs a &lt; b of <paramref name="values"/>, <c>Σ (v(a) − v(b))</c> to <paramref name="sum"/> and
    /// <c>Σ (v(a) − v(b))² = n Σ_a (v(a) − mean)²</c> to <paramref name="squares"/>, in O(n); returns the mean.
    /// </summary>
    private static double AddPairSums(ReadOnlySpan<double> values, ref double sum, ref double squares)
    {
        int n = values.Length;
        double mean = 0;
        for (int a = 0; a < n; a++)
            mean += values[a];
        mean /= n;
        double centredSquares = 0;
        for (int a = 0; a < n; a++)
        {
            double u = values[a] - mean;
            centredSquares += u * u;
            // Over the pairs a < b, v(a) enters n − 1 − a times with a plus sign and a times with a minus sign.
            sum += values[a] * (n - 1 - 2 * a);
        }
        squares += n * centredSquares;
        return mean;
    }

    /// <summary>
    /// Solves the regression whose rows are, in every context c, every pair <c>(a, b)</c> of its responses with targets
    /// <c>t_c(a) − t_c(b)</c> (<paramref name="targets"/>[c]), for any policy class, without forming the n(n−1)/2 rows:
    /// <c>Σ_{a&lt;b} (z_a − z_b)(z_a − z_b)ᵀ = n Σ_a (z_a − z̄)(z_a − z̄)ᵀ</c>, so the normal equations (and the residual
    /// statistics) are n times those of the n centred rows <c>(φ(a) − φ̄, t(a) − t̄)</c> — O(n·w²) a context instead of
    /// O(n²·w²). The features are centred as <c>φ(a) − φ(0)</c> minus their mean, the same thing. Moves the model by
    /// <c>η u</c> and returns the fit quality over the pairs, as <see cref="Fit"/> on the pair rows would.
    /// </summary>
    public RegressionResult FitComplete(IPolicyModel model, IReadOnlyList<double[]> targets, double eta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(targets);
        int p = model.Parameters.Length;
        var normal = Matrix<double>.Build.DenseDiagonal(p, p, _ridge);
        var rhs = Vector<double>.Build.Dense(p);
        var centred = new CentredFeatures(model, p);
        for (int c = 0; c < targets.Count; c++)
        {
            var t = targets[c];
            int n = t.Length;
            var (x, mean) = centred.Of(c, n);
            double tMean = t.Average();
            for (int a = 0; a < n; a++)
            {
                var row = x.AsSpan(a * p, p);
                double ta = n * (t[a] - tMean);
                for (int i = 0; i < p; i++)
                {
                    double zi = row[i] - mean[i];
                    if (zi == 0)
                        continue;
                    rhs[i] += zi * ta;
                    for (int j = 0; j < p; j++)
                        normal[i, j] += n * zi * (row[j] - mean[j]);
                }
            }
        }
        var u = _ridge > 0 ? normal.Cholesky().Solve(rhs) : MinimumNorm(normal, rhs);
        double residual = 0, sum = 0, sumSquares = 0, residualSum = 0; // residualSum is not reported
        long rows = 0;
        var errors = new double[targets.Count == 0 ? 0 : targets.Max(t => t.Length)];
        for (int c = 0; c < targets.Count; c++)
        {
            var t = targets[c];
            int n = t.Length;
            var (x, _) = centred.Of(c, n);
            // e(a) = φ(a)·u − t(a) up to a constant; the pairs' residuals are its differences.
            for (int a = 0; a < n; a++)
            {
                double prediction = 0;
                for (int i = 0; i < p; i++)
                    prediction += x[a * p + i] * u[i];
                errors[a] = prediction - t[a];
            }
            AddPairSums(errors.AsSpan(0, n), ref residualSum, ref residual);
            AddPairSums(t, ref sum, ref sumSquares);
            rows += (long)n * (n - 1) / 2;
        }
        for (int i = 0; i < p; i++)
            model.Parameters[i] += eta * u[i];
        return RegressionResult.From(residual, sumSquares - sum * sum / Math.Max(1, rows), (int)Math.Min(int.MaxValue, rows));
    }

    private void FitTabular(TabularSoftmaxPolicy model, RegressionRows rows, double eta)
    {
        int start = 0;
        _rows += rows.Count;
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
                PinGauge(normal, rows, start, end, m);
            SmallCholesky.Solve(normal, u, m);
            for (int r = start; r < end; r++)
            {
                double t = rows.Target(r);
                double e = u[_local[rows.A(r)]] - u[_local[rows.B(r)]] - t;
                _residual += e * e;
                _sum += t;
                _sumSquares += t * t;
            }
            int offset = model.Offset(context);
            for (int i = 0; i < m; i++)
            {
                model.Parameters[offset + _responses[i]] += eta * u[i];
                _local[_responses[i]] = -1;
            }
            start = end;
        }
    }

    /// <summary>
    /// Without a ridge, each group of responses linked by pairs is determined only up to a constant of its own (the
    /// normaliser cannot tell). Adding <c>(1/|C|) 1_C 1_Cᵀ</c> for every connected group C selects the solution with zero
    /// sum on each group: exactly the minimum-norm solution.
    /// </summary>
    private void PinGauge(Span<double> normal, RegressionRows rows, int start, int end, int m)
    {
        var root = _root.AsSpan(0, m);
        for (int i = 0; i < m; i++)
            root[i] = i;
        for (int r = start; r < end; r++)
        {
            int a = Find(root, _local[rows.A(r)]), b = Find(root, _local[rows.B(r)]);
            if (a != b)
                root[Math.Max(a, b)] = Math.Min(a, b);
        }
        var size = _size.AsSpan(0, m);
        size.Clear();
        for (int i = 0; i < m; i++)
            size[root[i] = Find(root, i)]++;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                if (root[i] == root[j])
                    normal[i * m + j] += 1.0 / size[root[i]];
    }

    private static int Find(Span<int> root, int i)
    {
        while (root[i] != i)
            i = root[i] = root[root[i]];
        return i;
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
        // Without a ridge the normal matrix is singular along unidentified directions; the pseudo-inverse gives the minimum-norm solution.
        var u = ridge > 0 ? normal.Cholesky().Solve(rhs) : MinimumNorm(normal, rhs);
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

    /// <summary>The minimum-norm solution of the symmetric system <c>G u = h</c>: <c>V diag(1/σ) Uᵀ h</c> over the non-negligible singular values.</summary>
    private static Vector<double> MinimumNorm(Matrix<double> normal, Vector<double> rhs)
    {
        var svd = normal.Svd(computeVectors: true);
        var s = svd.S;
        double cutoff = s.Count == 0 ? 0 : s.AbsoluteMaximum() * normal.RowCount * 1e-13;
        var projected = svd.U.TransposeThisAndMultiply(rhs);
        for (int i = 0; i < s.Count; i++)
            projected[i] = s[i] > cutoff ? projected[i] / s[i] : 0;
        return svd.VT.TransposeThisAndMultiply(projected);
    }

    private RegressionResult FitDense(IPolicyModel model, RegressionRows rows, double eta) =>
        FitDense(model, rows, eta, _ridge, model.MaxDifferenceFeatures);

    // Each response's features as φ(a) − φ(0), dense, with their mean: one context at a time, buffers reused.
    private sealed class CentredFeatures(IPolicyModel model, int p)
    {
        private readonly int[] _index = new int[model.MaxDifferenceFeatures];
        private readonly double[] _value = new double[model.MaxDifferenceFeatures];
        private readonly double[] _mean = new double[p];
        private double[] _x = [];

        public (double[] X, double[] Mean) Of(int context, int n)
        {
            if (_x.Length < n * p)
                _x = new double[n * p];
            Array.Clear(_x, 0, n * p);
            Array.Clear(_mean);
            for (int a = 1; a < n; a++)
            {
                int k = model.DifferenceFeatures(context, a, 0, _index, _value);
                for (int i = 0; i < k; i++)
                {
                    _x[a * p + _index[i]] += _value[i];
                    _mean[_index[i]] += _value[i] / n;
                }
            }
            return (_x, _mean);
        }
    }
}
