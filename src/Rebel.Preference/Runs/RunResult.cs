namespace Rebel.Preference.Runs;

/// <summary>The outcome of a completed self-play run.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Final">Metrics of the last iteration, or null for a run of zero iterations.</param>
/// <param name="DualityGapLast"><c>dg_last</c> of every iteration, in order.</param>
/// <param name="DualityGapAverage"><c>dg_avg</c> of every iteration, in order.</param>
/// <param name="Seconds">Wall time of the iterations, over all sessions of a resumed run.</param>
public sealed record RunResult(
    string Directory,
    IterationMetrics? Final,
    IReadOnlyList<double> DualityGapLast,
    IReadOnlyList<double> DualityGapAverage,
    double Seconds);
