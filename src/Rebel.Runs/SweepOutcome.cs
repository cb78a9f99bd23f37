namespace Rebel.Runs;

/// <summary>What <see cref="Sweep.Run"/> did.</summary>
/// <param name="Results">
/// Per point of the plan, its result without the sampled curves (which stay in the run's directory, so that a large
/// sweep takes bounded memory), or null for a run that did not finish (interrupted or not started).
/// </param>
/// <param name="Cancelled">Whether the sweep was cancelled; the unfinished runs are checkpointed and continue when it is run again.</param>
public sealed record SweepOutcome(IReadOnlyList<RunResult?> Results, bool Cancelled);
