using Rebel.Games.Zoo;

namespace Rebel.Games;

/// <summary>Resolves what a user typed for a game: a path to a <c>rebel-game/1</c> file, or a zoo spec.</summary>
public static class GameSource
{
    /// <summary>
    /// Loads <paramref name="specOrPath"/>: an existing file, anything ending in <c>.json</c>, or anything whose part
    /// before the first ':' contains a path separator is read as a game file; everything else is a zoo spec.
    /// </summary>
    /// <exception cref="GameValidationException">The file or the spec is invalid.</exception>
    public static TabularGame Load(string specOrPath)
    {
        ArgumentNullException.ThrowIfNull(specOrPath);
        if (File.Exists(specOrPath) || LooksLikePath(specOrPath))
        {
            if (!File.Exists(specOrPath))
                throw new GameValidationException($"{specOrPath}: game file not found");
            return GameFile.Read(specOrPath);
        }
        return GameZoo.Create(specOrPath);
    }

    private static bool LooksLikePath(string s)
    {
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        string head = colon < 0 ? s : s[..colon];
        return s.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || head.Contains('/', StringComparison.Ordinal) || head.Contains('\\', StringComparison.Ordinal);
    }
}
