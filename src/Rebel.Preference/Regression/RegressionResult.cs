namespace Rebel.Preference.Regression;

/// <summary>Fit quality of one iteration's regression, in the target's units.</summary>
/// <param name="Loss">Mean squared residual <c>((Δ log-ratio)/η − (r̂(a) − r̂(b)))²</c> after the fit (<c>regression_loss</c>).</param>
/// <param name="RSquared"><c>1 − SS_res / SS_tot</c> (<c>r2</c>); 1 when the targets are constant and fitted exactly.</param>
public readonly record struct RegressionResult(double Loss, double RSquared)
{
    /// <summary>
    /// The result from residual and total sums of squares over <paramref name="rows"/> rows (0 rows: loss 0, R² 1).
    /// Total sums below 1e-24 per row are rounding noise of constant targets and count as zero.
    /// </summary>
    public static RegressionResult From(double residualSquares, double totalSquares, int rows)
    {
        if (rows == 0)
            return new(0, 1);
        bool constant = totalSquares <= 1e-24 * rows;
        double r2 = !constant ? 1 - residualSquares / totalSquares : residualSquares <= 1e-24 * rows ? 1 : 0;
        return new(residualSquares / rows, r2);
    }
}
