using System.Globalization;

namespace Rebel.Games;

/// <summary>
/// A tabular preference game: contexts <c>x</c> with weights <c>ρ(x)</c> summing to 1, each with a finite
/// response set and a validated preference matrix (DESIGN §1).
/// </summary>
public sealed class TabularGame
{
    /// <summary>Creates a game; context weights are normalised to sum to 1.</summary>
    /// <exception cref="GameValidationException">No contexts, duplicate context names, or weights that overflow.</exception>
    public TabularGame(string name, IReadOnlyList<GameContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(contexts);
        if (contexts.Count == 0)
            throw new GameValidationException($"game '{name}': it has no contexts");
        var first = new Dictionary<string, int>(contexts.Count, StringComparer.Ordinal);
        double total = 0;
        for (int c = 0; c < contexts.Count; c++)
        {
            if (!first.TryAdd(contexts[c].Name, c))
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                    $"game '{name}': contexts[{c}] repeats the context name '{contexts[c].Name}' of contexts[{first[contexts[c].Name]}]"));
            total += contexts[c].Weight;
        }
        if (double.IsInfinity(total))
            throw new GameValidationException($"game '{name}': the context weights sum to infinity; scale them down");
        Name = name;
        Contexts = contexts.Select(c => c.WithWeight(c.Weight / total)).ToArray();
    }

    /// <summary>Creates a one-context game.</summary>
    public static TabularGame Single(string name, GameContext context) => new(name, [context]);

    /// <summary>Game name.</summary>
    public string Name { get; }

    /// <summary>Contexts, with normalised weights.</summary>
    public IReadOnlyList<GameContext> Contexts { get; }

    /// <summary>
    /// The judge process whose answers this game stands for (its learner asks the judge; see
    /// <see cref="Judges.JudgeGame"/>), or null for any other game. Set only by <see cref="GameSource.Load(string, Judges.JudgeConsent)"/>
    /// once the judge's consent is checked, so that a run never starts a judge that was not allowed.
    /// </summary>
    public Judges.JudgeSpec? Judge { get; init; }

    /// <summary>
    /// The <c>rebel-text-gpm/1</c> file (absolute path) whose fitted model judges this game's generated responses
    /// (see <see cref="Sequence.TextModelFile"/>), or null for any other game: its contexts hold a placeholder response.
    /// </summary>
    public string? TextModel { get; init; }

    /// <summary>Largest response-set size over contexts.</summary>
    public int MaxResponses => Contexts.Max(c => c.Count);
}
