using Rebel.Preference.Options;

namespace Rebel.Runs;

/// <summary>One run of a sweep.</summary>
/// <param name="Game">The game as the sweep names it (a zoo spec or a file path).</param>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Values">The value of each swept option, in the grid's order, as <see cref="OptionField.Format"/> writes it.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Name">The run directory's name inside the sweep's directory: game, algorithm, <c>option=value</c> for each swept option, seed.</param>
/// <param name="Config">The run's full definition.</param>
public sealed record SweepPoint(string Game, string Algorithm, IReadOnlyList<KeyValuePair<string, string>> Values, ulong Seed, string Name, RunConfig Config);
