using System.CommandLine;
using Rebel.Cli.Errors;
using Rebel.Games;
using Rebel.Games.Judges;

namespace Rebel.Cli.Arguments;

/// <summary>The game a command works on: a zoo spec (<c>name:key=value,...</c>) or a <c>rebel-game/1</c> file.</summary>
internal static class GameArgument
{
    /// <summary>The built-in intransitive game used when none is given.</summary>
    public const string DefaultGame = "weighted-rps";

    public static Option<string> Create(string name, bool withDefault) => new(name, name == "--game" ? "--pref-model" : "--game")
    {
        Description = "game: a zoo spec name:key=value,... (see 'rebel games'), a rebel-game/1 JSON file, or a judge process: judge:cmd=\"...\",responses=n or a rebel-judge/1 file (docs/judge-protocol.md)",
        HelpName = "spec|file",
        Required = !withDefault,
        DefaultValueFactory = withDefault ? _ => DefaultGame : null,
    };

    /// <summary>
    /// The spec as a run records it: files by absolute path and a judge spec with the directory its command runs in,
    /// so that a resume works from any directory.
    /// </summary>
    public static string Resolve(string specOrPath) =>
        JudgeSpec.IsSpec(specOrPath) ? JudgeSpec.Anchored(specOrPath)
        : GameSource.IsFile(specOrPath) && File.Exists(specOrPath) ? Path.GetFullPath(specOrPath) : specOrPath;

    /// <summary>Loads the game; a judge only with <paramref name="consent"/> (see <see cref="TrustJudge"/>).</summary>
    /// <exception cref="GameValidationException">Unknown game, bad parameter or invalid file.</exception>
    /// <exception cref="JudgeConsentException">A judge without consent.</exception>
    public static TabularGame Load(string specOrPath, JudgeConsent consent) =>
        specOrPath.Length == 0 ? throw new UsageException("--pref-model (--game): the game is empty (give a zoo spec or a game file)") : GameSource.Load(specOrPath, consent);
}
