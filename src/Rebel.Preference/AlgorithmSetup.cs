using Rebel.Games;

namespace Rebel.Preference;

/// <summary>Everything an algorithm needs to start a run.</summary>
/// <param name="Game">The tabular game (the oracle and the exact evaluation).</param>
/// <param name="Iterations">The horizon T (tunes the default η).</param>
/// <param name="Seed">The run's seed; all randomness derives from it.</param>
/// <param name="Shared">Options shared by all algorithms.</param>
/// <param name="Options">The algorithm's own options record, or null for its defaults.</param>
public sealed record AlgorithmSetup(TabularGame Game, int Iterations, ulong Seed, SelfPlayOptions Shared, object? Options);
