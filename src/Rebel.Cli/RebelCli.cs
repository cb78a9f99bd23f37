using System.CommandLine;
using System.CommandLine.Invocation;
using Rebel.Cli.Commands;
using Rebel.Cli.Errors;
using Rebel.Cli.Terminal;
using Rebel.Neural.SelfPlay;

namespace Rebel.Cli;

/// <summary>
/// The <c>rebel</c> command. User errors (parse errors, bad games, options, files, run directories) exit with
/// code 2 and one line on stderr; anything else is a bug and exits 1, still with one line and no stack trace.
/// </summary>
internal static class RebelCli
{
    public const int UsageError = 2;

    public static int Run(string[] args)
    {
        // The tabular library cannot reference libtorch, so the neural variants (--policy neural) join its catalogue here.
        NeuralAlgorithms.Register();
        var root = new RootCommand("Rebel: research on general (possibly intransitive) preferences — self-play, REBEL, baselines, exact tabular theory.")
        {
            GamesCommand.Create(),
            AlgorithmsCommand.Create(),
            SolveCommand.Create(),
            SelfPlayCommand.Create(),
            CompareCommand.Create(),
            SweepCommand.Create(),
            FitPrefCommand.Create(),
            GenerateCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            string where = parse.CommandResult.Command is RootCommand ? "rebel" : "rebel " + parse.CommandResult.Command.Name;
            return Fail($"{string.Join("; ", parse.Errors.Select(Named))} (see '{where} --help')", UsageError);
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (UserError.Is(e))
        {
            return Fail(UserError.Message(e), UsageError);
        }
        catch (Exception e)
        {
            return Fail($"internal error ({e.GetType().Name}): {e.Message}", 1);
        }
    }

    /// <summary>A parse error prefixed with the flag it is about, when the parser knows it (a bad value's message does not name its flag).</summary>
    private static string Named(System.CommandLine.Parsing.ParseError error)
    {
        var option = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option,
            _ => null,
        };
        return option is null || error.Message.Contains(option.Name, StringComparison.Ordinal) ? error.Message : $"{option.Name}: {error.Message}";
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine("rebel: " + UserError.OneLine(message));
        return code;
    }
}
