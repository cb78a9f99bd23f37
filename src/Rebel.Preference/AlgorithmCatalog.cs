using Rebel.Games.Exact;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference;

/// <summary>Every self-play algorithm by its <c>--algo</c> name.</summary>
public static class AlgorithmCatalog
{
    /// <summary>All algorithms, in listing order.</summary>
    public static IReadOnlyList<AlgorithmDescriptor> All { get; } =
    [
        new("mirror-descent", "exact self-play mirror descent (Hedge on exact win rates); the reference", typeof(MirrorDescentOptions),
            s => new MirrorDescentAlgorithm(s.Game, ((MirrorDescentOptions?)s.Options)?.Eta ?? s.Shared.Eta ?? MirrorDescent.TunedEta(s.Game, s.Iterations))),
    ];

    /// <summary>The algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static AlgorithmDescriptor Find(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"unknown algorithm '{name}' (known: {string.Join(", ", All.Select(a => a.Name))})");
}
