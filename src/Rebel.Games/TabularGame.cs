namespace Rebel.Games;

/// <summary>
/// A tabular preference game: contexts <c>x</c> with weights <c>ρ(x)</c> summing to 1, each with a finite
/// response set and a validated preference matrix (DESIGN §1).
/// </summary>
public sealed class TabularGame
{
    /// <summary>Creates a game; context weights are normalised to sum to 1.</summary>
    /// <exception cref="GameValidationException">No contexts, or duplicate context names.</exception>
    public TabularGame(string name, IReadOnlyList<GameContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(contexts);
        if (contexts.Count == 0)
            throw new GameValidationException($"game '{name}': it has no contexts");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double total = 0;
        foreach (var c in contexts)
        {
            if (!seen.Add(c.Name))
                throw new GameValidationException($"game '{name}': duplicate context name '{c.Name}'");
            total += c.Weight;
        }
        Name = name;
        Contexts = contexts.Select(c => c.WithWeight(c.Weight / total)).ToArray();
    }

    /// <summary>Creates a one-context game.</summary>
    public static TabularGame Single(string name, GameContext context) => new(name, [context]);

    /// <summary>Game name.</summary>
    public string Name { get; }

    /// <summary>Contexts, with normalised weights.</summary>
    public IReadOnlyList<GameContext> Contexts { get; }

    /// <summary>Largest response-set size over contexts.</summary>
    public int MaxResponses => Contexts.Max(c => c.Count);
}
