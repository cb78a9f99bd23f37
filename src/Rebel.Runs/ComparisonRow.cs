namespace Rebel.Runs;

/// <summary>One algorithm's line of a comparison: final metrics as mean and sample standard deviation over seeds.</summary>
/// <param name="Algorithm">Algorithm name.</param>
/// <param name="Seeds">Number of runs (seeds).</param>
/// <param name="Iterations">The horizon T of every run.</param>
/// <param name="DualityGapLastMean">Mean final <c>dg_last</c>.</param>
/// <param name="DualityGapLastSd">Its standard deviation (0 for one seed).</param>
/// <param name="DualityGapAverageMean">Mean final <c>dg_avg</c>.</param>
/// <param name="DualityGapAverageSd">Its standard deviation (0 for one seed).</param>
/// <param name="OracleQueriesMean">Mean final <c>oracle_queries</c>, or null when the algorithm does not report it.</param>
/// <param name="SecondsMean">Mean wall time of the iterations.</param>
/// <param name="WinRates">How the runs obtained their win rates (exact, or K samples with their feedback), so that exact and sampled methods are never mistaken for each other.</param>
/// <param name="ReachedTarget">Runs whose <c>dg_avg</c> reached the target gap (<see cref="Comparison.TargetGap"/> unless another was given).</param>
/// <param name="QueriesToTargetMean">Mean oracle queries needed to reach it, over the runs that did; null when none did or the algorithm reports no queries.</param>
/// <param name="DualityGapRegularisedMean">Mean final <c>dg_reg</c> (runs with <c>--tau</c>), or null when not every run reports it.</param>
/// <param name="DistanceToMinimaxWinnerMean">Mean final <c>dist_mw_avg</c> (games with a unique minimax winner), or null when not every run reports it.</param>
public sealed record ComparisonRow(
    string Algorithm,
    int Seeds,
    int Iterations,
    double DualityGapLastMean,
    double DualityGapLastSd,
    double DualityGapAverageMean,
    double DualityGapAverageSd,
    double? OracleQueriesMean,
    double SecondsMean,
    string WinRates,
    int ReachedTarget,
    double? QueriesToTargetMean,
    double? DualityGapRegularisedMean,
    double? DistanceToMinimaxWinnerMean);
