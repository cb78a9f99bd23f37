using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>The outcome of a completed self-play run.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Final">Metrics of the last iteration, or null for a run of zero iterations.</param>
/// <param name="Iterations">
/// The iterations the gaps below are given at: every iteration of a run of up to 2,048 iterations; for a longer run a
/// bounded sample (every multiple of a power-of-two stride, plus the last iteration), the same for every run of the
/// same length, so that runs over seeds can be averaged point by point.
/// </param>
/// <param name="DualityGapLast"><c>dg_last</c> at each of <paramref name="Iterations"/>.</param>
/// <param name="DualityGapAverage"><c>dg_avg</c> at each of <paramref name="Iterations"/>.</param>
/// <param name="Seconds">Wall time of the iterations, over all sessions of a resumed run.</param>
public sealed record RunResult(
    string Directory,
    IterationMetrics? Final,
    IReadOnlyList<double> Iterations,
    IReadOnlyList<double> DualityGapLast,
    IReadOnlyList<double> DualityGapAverage,
    double Seconds);
