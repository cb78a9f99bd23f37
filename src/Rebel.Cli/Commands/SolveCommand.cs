using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Output;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Neural.Evaluation;
using Rebel.Neural.SelfPlay;
using Rebel.Preference.Policies;
using Rebel.Runs.Charts;
using Spectre.Console;

namespace Rebel.Cli.Commands;

/// <summary>
/// <c>rebel solve</c>: the exact minimax winner of every context, certified by its duality gap; with <c>--tau</c>, the
/// equilibrium of the KL-regularised game instead, certified by its regularised gap (docs/regularised-game.md). A
/// preference model or judge of generated text has no response list: with <c>--model DIR --pool-samples M</c> its pool
/// game is solved (<see cref="PoolGame"/>; the pool a selfplay run with the same seed and model measures against).
/// </summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var game = GameArgument.Create("--game", withDefault: false);
        var format = new Option<string>("--format") { Description = "output: table (for reading) or json (one JSON object)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var plot = new Option<string>("--plot") { Description = "also draw each context's preference matrix as a heatmap with the minimax winner beside it, into an .svg file, or a .png one (rendered in-process by Svg.Skia)", HelpName = "file" };
        var png = SweepCommand.PngOption("with --plot FILE.svg, also write FILE.png");
        var tau = new Option<double?>("--tau") { Description = "solve the KL-regularised game of this τ > 0 instead (its unique equilibrium, certified by DG_τ)" };
        var reference = new Option<string?>("--reference") { Description = "rebel-policy/1 file whose 'last' iterate is π_ref of the regularised game (default: uniform)" };
        var trust = TrustJudge.Create();
        var model = new Option<string?>("--model") { Description = "with a preference model or judge of generated text: the Hugging Face GPT-2 directory whose responses fill the pool", HelpName = "dir" };
        var poolSamples = new Option<int>("--pool-samples") { Description = "with --model: responses of the model per prompt in the pool, after the data's responses", HelpName = "M", DefaultValueFactory = _ => 16 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "with --model: tokens per generated response (as selfplay's)", HelpName = "n", DefaultValueFactory = _ => new NeuralSelfPlayOptions().MaxTokens };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "with --model: gpt2, or the tokenizer files, when DIR has no vocab.json and merges.txt", HelpName = "spec" };
        var seed = new Option<ulong>("--seed") { Description = "with --model: the seed of the pool's draws (a selfplay run's --seed draws the same pool) [default: 0]", CustomParser = SeedArgument.Parse };
        var device = new Option<string>("--device") { Description = "with --model: libtorch device (auto, cpu, cuda, cuda:N)", DefaultValueFactory = _ => "auto" };
        var command = new Command("solve", "Compute the exact minimax winner of every context with its duality-gap certificate (with --tau: the regularised game's equilibrium; with --model: the pool game of generated text).")
            { game, format, plot, tau, reference, png, trust, model, poolSamples, maxTokens, tokenizer, seed, device };
        command.SetAction(parse =>
        {
            if (parse.GetValue(png) && parse.GetValue(plot) is null)
                throw new UsageException("--png: writes the --plot figure as PNG too; give --plot FILE.svg");
            if (parse.GetValue(png) || Path.GetExtension(parse.GetValue(plot) ?? "").Equals(".png", StringComparison.OrdinalIgnoreCase))
                FigureFile.CheckPng(parse.GetValue(png) ? "--png" : "--plot");
            var tabular = GameArgument.Load(parse.GetValue(game)!, TrustJudge.Consent(parse, trust, parse.GetValue(game)!));
            bool generated = tabular.TextModel is not null || tabular.Judge is { Generated: true };
            if (parse.GetValue(model) is { } directory)
            {
                if (!generated)
                    throw new UsageException($"--model: applies to a preference model or judge of generated text; {parse.GetValue(game)} lists its responses");
                tabular = PoolGame.Of(tabular, new NeuralSelfPlayOptions
                {
                    Model = directory,
                    PoolSamples = parse.GetValue(poolSamples),
                    MaxTokens = parse.GetValue(maxTokens),
                    Tokenizer = parse.GetValue(tokenizer),
                    Device = parse.GetValue(device)!,
                }, parse.GetValue(seed));
            }
            else if (generated)
                throw new UsageException($"{parse.GetValue(game)}: its responses are generated, not listed; give --model DIR (and --pool-samples M) to solve its pool game");
            else if (new Option[] { poolSamples, maxTokens, tokenizer, seed, device }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray)
                throw new UsageException($"{stray.Name}: applies with --model only (the pool game of generated text)");
            if (parse.GetValue(tau) is { } t)
            {
                if (!(t > 0) || double.IsInfinity(t))
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--tau {t}: must be a positive finite number"));
                if (parse.GetValue(plot) is not null)
                    throw new UsageException("--plot: draws the minimax winner beside the preference matrix; it does not apply with --tau");
                var rho = parse.GetValue(reference) is { } referencePath ? ReferencePolicy.Load(referencePath, tabular) : null;
                var equilibrium = new RegularisedGame(tabular, t, rho).Solve();
                if (parse.GetValue(format) == "json")
                    WriteJson(tabular, t, equilibrium);
                else
                    WriteTable(tabular, t, equilibrium);
                return 0;
            }
            if (parse.GetValue(reference) is not null)
                throw new UsageException("--reference: applies only with --tau");
            var solution = MinimaxWinner.Solve(tabular);
            if (parse.GetValue(plot) is { } path)
            {
                Plot(tabular, solution, path);
                if (parse.GetValue(png) && !path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                    FigureFile.WritePngs([path], "--png");
            }
            if (parse.GetValue(format) == "json")
                WriteJson(tabular, solution);
            else
                WriteTable(tabular, solution);
            // JSON output stays one object; the table is for reading, so it says where the figure went.
            if (parse.GetValue(plot) is { } written && parse.GetValue(format) != "json")
                Console.WriteLine($"heatmap: {written}");
            return 0;
        });
        return command;
    }

    /// <summary>Writes the heatmap figure; the checks come first, so that a refused figure leaves no file.</summary>
    private static void Plot(TabularGame game, GameSolution solution, string path)
    {
        string svg;
        try
        {
            svg = PreferenceHeatmap.Render(game, solution);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--plot {path}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}");
        }
        FigureFile.Write(svg, path, "--plot");
    }

    private static void WriteJson(TabularGame game, GameSolution solution)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            w.WriteString("game", game.Name);
            w.WriteNumber("duality_gap", solution.DualityGap);
            w.WriteStartArray("contexts");
            for (int c = 0; c < game.Contexts.Count; c++)
            {
                var context = game.Contexts[c];
                var result = solution.Contexts[c];
                w.WriteStartObject();
                w.WriteString("name", context.Name);
                w.WriteNumber("weight", context.Weight);
                w.WriteStartArray("responses");
                foreach (var r in context.Responses)
                    w.WriteStringValue(r);
                w.WriteEndArray();
                w.WriteStartArray("policy");
                foreach (double p in result.Policy)
                    w.WriteNumberValue(p);
                w.WriteEndArray();
                w.WriteStartArray("support");
                foreach (int i in result.Support)
                    w.WriteNumberValue(i);
                w.WriteEndArray();
                w.WriteNumber("duality_gap", result.DualityGap);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static void WriteJson(TabularGame game, double tau, RegularisedEquilibrium equilibrium)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            w.WriteString("game", game.Name);
            w.WriteNumber("tau", tau);
            w.WriteNumber("dg_reg", equilibrium.DualityGap);
            w.WriteStartArray("contexts");
            for (int c = 0; c < game.Contexts.Count; c++)
            {
                w.WriteStartObject();
                w.WriteString("name", game.Contexts[c].Name);
                w.WriteNumber("weight", game.Contexts[c].Weight);
                w.WriteStartArray("responses");
                foreach (var r in game.Contexts[c].Responses)
                    w.WriteStringValue(r);
                w.WriteEndArray();
                w.WriteStartArray("policy");
                foreach (double p in equilibrium.Policy[c])
                    w.WriteNumberValue(p);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static void WriteTable(TabularGame game, double tau, RegularisedEquilibrium equilibrium)
    {
        var table = new Table().AddColumns("context", "weight", "response", "probability");
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            var context = game.Contexts[c];
            for (int i = 0; i < context.Count; i++)
                table.AddRow(Markup.Escape(context.Name), Fmt(context.Weight), Markup.Escape(context.Responses[i]), Fmt(equilibrium.Policy[c][i]));
        }
        AnsiConsole.Write(table);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"equilibrium of {game.Name} regularised with τ = {tau:G6}; regularised duality gap {equilibrium.DualityGap:G3}"));
    }

    private static void WriteTable(TabularGame game, GameSolution solution)
    {
        var table = new Table().AddColumns("context", "weight", "response", "probability");
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            var context = game.Contexts[c];
            foreach (int i in solution.Contexts[c].Support)
                table.AddRow(Markup.Escape(context.Name), Fmt(context.Weight), Markup.Escape(context.Responses[i]), Fmt(solution.Contexts[c].Policy[i]));
        }
        AnsiConsole.Write(table);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minimax winner of {game.Name} (responses in its support); duality gap {solution.DualityGap:G3}"));
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
