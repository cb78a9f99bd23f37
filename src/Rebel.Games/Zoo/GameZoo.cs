namespace Rebel.Games.Zoo;

/// <summary>
/// The registry of built-in game families, addressed by spec <c>name:key=value,...</c> (unset keys take the documented
/// defaults; lists inside a value use '/', matrix rows ';'). Games are named after their spec; one-context games call
/// their context <c>x0</c>. Random families draw from <see cref="Randomness.SeededRandom"/> seeded by their <c>seed</c>
/// key, so a spec names the same game on every run and machine (up to the last bit of <c>Math.Exp</c> in logistic links).
/// </summary>
public static class GameZoo
{
    /// <summary>Every built-in family, in the order <c>rebel games</c> lists them.</summary>
    public static IReadOnlyList<IGameFamily> Families { get; } =
    [
        new RockPaperScissors(),
        new WeightedRockPaperScissors(),
        new RockPaperScissorsNeutral(),
        new CyclicGame(),
        new CondorcetProfile(),
        new BradleyTerryMixture(),
        new EfronDice(),
        new ColonelBlotto(),
        new DiscGame(),
        new GeneralPreferenceModel(),
        new RandomGame(),
        new TransitiveGame(),
        new ContextualGame(),
        new Sequence.SequenceMajority(),
        new Sequence.TextRps(),
    ];

    /// <summary>The family called <paramref name="name"/>, or null.</summary>
    public static IGameFamily? Find(string name) => Families.FirstOrDefault(f => f.Name == name);

    /// <summary>Builds the game a spec describes.</summary>
    /// <exception cref="GameValidationException">Unknown family, parameter or value.</exception>
    public static TabularGame Create(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? spec : spec[..colon]).Trim();
        var family = Find(name)
            ?? throw new GameValidationException($"unknown game '{name}' (known: {string.Join(", ", Families.Select(f => f.Name))}; or give a path to a rebel-game/1 file)");
        var parsed = GameSpec.Parse(spec.Trim(), family);
        var game = family.Create(parsed);
        parsed.EnsureAllRead();
        return game;
    }
}
