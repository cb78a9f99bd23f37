using Rebel.Games.Judges;
using Rebel.Games.Zoo;

namespace Rebel.Games;

/// <summary>
/// Resolves what a user typed for a game: a path to a <c>rebel-game/1</c> file, a zoo spec, or a judge process — the
/// spec <c>judge:cmd="…",responses=n</c> or a <c>rebel-judge/1</c> file — whose game is its full matrix asked of the
/// judge once for the evaluation (<see cref="JudgeGame"/>); the learner then asks the judge itself (see <see cref="Judge"/>).
/// </summary>
public static class GameSource
{
    /// <summary>Loads <paramref name="specOrPath"/>, refusing any judge (<see cref="JudgeConsent.None"/>).</summary>
    /// <exception cref="GameValidationException">The file or the spec is invalid.</exception>
    /// <exception cref="JudgeConsentException">It names a judge.</exception>
    public static TabularGame Load(string specOrPath) => Load(specOrPath, JudgeConsent.None);

    /// <summary>
    /// Loads <paramref name="specOrPath"/>: see <see cref="IsFile"/> for which texts are files; the rest are zoo specs.
    /// A judge is checked against <paramref name="consent"/> before anything starts, and the game it returns carries
    /// it (<see cref="TabularGame.Judge"/>).
    /// </summary>
    /// <exception cref="GameValidationException">The file or the spec is invalid.</exception>
    /// <exception cref="JudgeConsentException">It names a judge that <paramref name="consent"/> does not allow.</exception>
    public static TabularGame Load(string specOrPath, JudgeConsent consent)
    {
        ArgumentNullException.ThrowIfNull(specOrPath);
        ArgumentNullException.ThrowIfNull(consent);
        if (specOrPath.Length == 0)
            throw new GameValidationException("the game is empty (give a zoo spec or a game file)");
        if (Judge(specOrPath) is { } judge)
        {
            consent.Check(judge, JudgeSpec.IsSpec(specOrPath) ? $"the spec '{specOrPath}'" : $"{specOrPath} (a {JudgeSpec.FileFormat} file)");
            return JudgeGame.Build(judge);
        }
        if (IsFile(specOrPath))
        {
            if (!File.Exists(specOrPath))
                throw new GameValidationException($"{specOrPath}: game file not found");
            if (Sequence.TextModelFile.Is(specOrPath))
                return Sequence.TextModelFile.Game(specOrPath);
            return NpyFile.IsNpy(specOrPath) ? NpyFile.Read(specOrPath) : GameFile.Read(specOrPath);
        }
        return GameZoo.Create(specOrPath);
    }

    /// <summary>
    /// The judge that <paramref name="specOrPath"/> names (a <c>judge:</c> spec or a <c>rebel-judge/1</c> file), or
    /// null for any other game. Only read: whoever starts it decides on consent (see <see cref="JudgeConsent"/>).
    /// </summary>
    /// <exception cref="GameValidationException">An invalid judge spec or file.</exception>
    public static JudgeSpec? Judge(string specOrPath)
    {
        ArgumentNullException.ThrowIfNull(specOrPath);
        if (JudgeSpec.IsSpec(specOrPath))
            return JudgeSpec.Parse(specOrPath);
        if (!IsFile(specOrPath) || !File.Exists(specOrPath) || !JudgeSpec.StartsAsJudgeFile(Prefix(specOrPath)))
            return null;
        try
        {
            return JudgeSpec.Read(specOrPath, BoundedFile.ReadAllBytes(specOrPath, JudgeSpec.MaxFileBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GameValidationException($"{specOrPath}: cannot read judge file: {e.Message}");
        }
    }

    /// <summary>The first bytes of a file, where a judge file declares its format; empty when it cannot be read (the game loader then says why).</summary>
    private static byte[] Prefix(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[JudgeSpec.FormatWithinBytes];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Whether <paramref name="specOrPath"/> names a game file (<c>rebel-game/1</c> JSON, or a matrix in NumPy's
    /// <c>.npy</c>, told by its magic bytes): anything ending in <c>.json</c> or <c>.npy</c>, or whose part before
    /// the first ':' contains a path separator, and otherwise an existing file whose name is not a zoo family — a
    /// file called <c>condorcet</c> in the working directory does not replace the built-in game (write
    /// <c>./condorcet</c> for the file).
    /// </summary>
    public static bool IsFile(string specOrPath)
    {
        ArgumentNullException.ThrowIfNull(specOrPath);
        if (JudgeSpec.IsSpec(specOrPath))
            return false;
        if (LooksLikePath(specOrPath))
            return true;
        int colon = specOrPath.IndexOf(':', StringComparison.Ordinal);
        string head = (colon < 0 ? specOrPath : specOrPath[..colon]).Trim();
        return GameZoo.Find(head) is null && File.Exists(specOrPath);
    }

    private static bool LooksLikePath(string s)
    {
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        string head = colon < 0 ? s : s[..colon];
        return s.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || head.Contains('/', StringComparison.Ordinal) || head.Contains('\\', StringComparison.Ordinal);
    }
}
