using Rebel.Preference.Algorithms;

namespace Rebel.Preference;

/// <summary>Every self-play algorithm by its <c>--algo</c> name.</summary>
public static class AlgorithmCatalog
{
    /// <summary>All algorithms, in listing order.</summary>
    public static IReadOnlyList<AlgorithmDescriptor> All { get; } =
    [
        new("mirror-descent", "exact self-play mirror descent (Hedge on exact win rates); the reference", typeof(MirrorDescentOptions),
            s => new MirrorDescentAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<MirrorDescentOptions>().Eta))),
        new("rebel", "REBEL: regress logit differences onto self-play win-rate differences (sampled, exact or AdamW fit)", typeof(RebelOptions),
            s => new RebelAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<RebelOptions>().Eta), s.Seed, s.Shared, s.OptionsOr<RebelOptions>())),
    ];

    /// <summary>The algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static AlgorithmDescriptor Find(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"unknown algorithm '{name}' (known: {string.Join(", ", All.Select(a => a.Name))})");
}
