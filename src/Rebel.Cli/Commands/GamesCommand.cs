using System.CommandLine;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Terminal;
using Rebel.Games;
using Rebel.Games.Zoo;

namespace Rebel.Cli.Commands;

/// <summary>
/// <c>rebel games</c>: the zoo, each family with its parameters, defaults and a one-line description; with
/// <c>--export SPEC FILE</c>, one game written as a <c>rebel-game/1</c> file to edit or share.
/// </summary>
internal static class GamesCommand
{
    public static Command Create()
    {
        var export = new Option<string[]>("--export")
        {
            Description = "write the game SPEC (a zoo spec or a game file) as a rebel-game/1 file FILE, or as NumPy's .npy matrix when FILE ends in .npy and the game has one context (replaced atomically)",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
            HelpName = "SPEC FILE",
        };
        var trust = TrustJudge.Create();
        var command = new Command("games", "List the built-in games (spec name:key=value,...) with their parameters and defaults, or export one as a game file.")
        {
            export, trust,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(export) is [var spec, var path])
                return Export(spec, path, TrustJudge.Consent(parse, trust, spec));
            foreach (var family in GameZoo.Families)
            {
                Console.WriteLine($"{family.Name} — {family.Description}");
                foreach (var p in family.Parameters)
                    Console.WriteLine($"    {p.Name + "=" + p.Default,-22} {p.Description}");
            }
            return 0;
        });
        return command;
    }

    private static int Export(string spec, string path, Rebel.Games.Judges.JudgeConsent consent)
    {
        if (path.Length == 0)
            throw new UsageException("--export: the file path is empty");
        var game = GameArgument.Load(spec, consent);
        bool npy = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
        if (npy && game.Contexts.Count != 1)
            throw new UsageException($"--export {path}: a .npy file holds one context's matrix; {spec} has {game.Contexts.Count}");
        try
        {
            if (npy)
                NpyFile.Write(path, game);
            else
                GameFile.Write(path, game);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--export {path}: cannot write: {e.Message}");
        }
        Console.WriteLine($"wrote {spec} ({game.Contexts.Count} context(s), {game.MaxResponses} responses at most) to {path}");
        return 0;
    }
}
