namespace Rebel.Preference.Regression;

/// <summary>Fit quality of one iteration's regression, in the target's units.</summary>
/// <param name="Loss">Mean squared residual <c>((Δ log-ratio)/η − (r̂(a) − r̂(b)))²</c> after the fit (<c>regression_loss</c>).</param>
/// <param name="RSquared"><c>1 − SS_res / SS_tot</c> (<c>r2</c>); 1 when the targets are constant and fitted exactly.</param>
public readonly record struct RegressionResult(double Loss, double RSquared)
{
    /// <summary>The result from residual and total sums of squares over <paramref name="rows"/> rows (0 rows: loss 0, R² 1).</summary>
    public static RegressionResult From(double residualSquares, double totalSquares, int rows) =>
        rows == 0
            ? new(0, 1)
            : new(residualSquares / rows, totalSquares > 0 ? 1 - residualSquares / totalSquares : residualSquares == 0 ? 1 : 0);
}
