using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.TheoryTests.Generators;

/// <summary>Random skew-consistent preference matrices <c>P + Pᵀ = 1</c>, diagonal 1/2, of every <see cref="PreferenceShape"/>.</summary>
internal static class PreferenceGen
{
    private const int Resolution = 1 << 30;

    /// <summary>Response-set sizes in [min, max], biased to small sizes (where degenerate cases are common) but reaching max.</summary>
    public static Gen<int> Size(int min, int max) => Gen.Frequency(
        (3, Gen.Choose(min, Math.Min(max, min + 4))),
        (2, Gen.Choose(min, Math.Min(max, 16))),
        (1, Gen.Choose(min, max)));

    /// <summary>A uniform number in [0,1] on a 2⁻³⁰ grid (both ends included).</summary>
    public static Gen<double> Unit { get; } = Gen.Choose(0, Resolution).Select(i => (double)i / Resolution);

    /// <summary>A uniform number in [lo, hi].</summary>
    public static Gen<double> Between(double lo, double hi) => Unit.Select(u => lo + (hi - lo) * u);

    /// <summary>A random shape.</summary>
    public static Gen<PreferenceShape> Shape { get; } = Gen.Elements(Enum.GetValues<PreferenceShape>());

    /// <summary>A random n×n matrix of the given shape.</summary>
    public static Gen<Matrix<double>> Of(PreferenceShape shape, int n) => shape switch
    {
        PreferenceShape.General => FromUpper(n, GeneralEntry),
        PreferenceShape.Binary => FromUpper(n, Gen.Elements(0.0, 1.0)),
        PreferenceShape.Ties => FromUpper(n, Gen.Elements(0.0, 0.25, 0.5, 0.75, 1.0)),
        PreferenceShape.Dominated => WithTwoResponses(n, Unit, Dominate),
        PreferenceShape.Duplicated => WithTwoResponses(n, Gen.Constant(1.0), (p, d, k, _) => Dominate(p, d, k, 1.0)),
        PreferenceShape.BradleyTerry => Utilities(n, 3).Select(BradleyTerry),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Independent continuous entries: almost surely no ties, so the minimax winner is unique.</summary>
    public static Gen<Matrix<double>> Generic(int n) => FromUpper(n, Unit);

    /// <summary>n utilities uniform in [−scale, scale].</summary>
    public static Gen<double[]> Utilities(int n, double scale) => Gen.ArrayOf(Between(-scale, scale), n);

    /// <summary><c>P(y_i ≻ y_j) = σ(u_i − u_j)</c>.</summary>
    public static Matrix<double> BradleyTerry(double[] utilities) =>
        Skew(utilities.Length, (i, j) => 1 / (1 + Math.Exp(utilities[j] - utilities[i])));

    /// <summary>Builds the skew-consistent matrix whose strict upper triangle is <paramref name="upper"/>(i, j).</summary>
    public static Matrix<double> Skew(int n, Func<int, int, double> upper)
    {
        var p = Matrix<double>.Build.Dense(n, n, 0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double v = upper(i, j);
                p[i, j] = v;
                p[j, i] = 1 - v;
            }
        }
        return p;
    }

    private static Gen<double> GeneralEntry { get; } = Gen.Frequency((8, Unit), (1, Gen.Elements(0.0, 0.5, 1.0)));

    private static Gen<Matrix<double>> FromUpper(int n, Gen<double> entry) =>
        Gen.ArrayOf(entry, n * (n - 1) / 2).Select(values =>
        {
            int next = 0;
            return Skew(n, (_, _) => values[next++]);
        });

    /// <summary>A general matrix, then response d made a (scaled) copy of response k ≠ d.</summary>
    private static Gen<Matrix<double>> WithTwoResponses(int n, Gen<double> lambda, Func<Matrix<double>, int, int, double, Matrix<double>> edit) =>
        from p in FromUpper(n, GeneralEntry)
        from d in Gen.Choose(0, n - 1)
        from shift in Gen.Choose(1, n - 1)
        from l in lambda
        select edit(p, d, (d + shift) % n, l);

    /// <summary>
    /// Sets row d to λ · row k (and column d to its complement), with <c>P(d ≻ k) = λ/2</c>: row d is then entrywise
    /// at most row k, so d is dominated by k; λ = 1 makes d an exact duplicate of k.
    /// </summary>
    private static Matrix<double> Dominate(Matrix<double> p, int d, int k, double lambda)
    {
        int n = p.RowCount;
        for (int j = 0; j < n; j++)
        {
            if (j == d)
                continue;
            double v = j == k ? lambda * 0.5 : lambda * p[k, j];
            p[d, j] = v;
            p[j, d] = 1 - v;
        }
        return p;
    }
}
