using Rebel.Games;

namespace Rebel.Runs;

/// <summary>A validated sweep (<see cref="Sweep.Plan"/>): its runs, in order, and the loaded games.</summary>
/// <param name="Spec">What was asked for.</param>
/// <param name="Points">Every run: game-major, then algorithm, then the grid's values (first option slowest), then seed.</param>
/// <param name="Games">Each game of <see cref="SweepSpec.Games"/>, loaded.</param>
public sealed record SweepPlan(SweepSpec Spec, IReadOnlyList<SweepPoint> Points, IReadOnlyDictionary<string, TabularGame> Games);
