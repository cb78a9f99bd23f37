using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Utils;
using Rebel.Preference.Runs;
using Rebel.Preference.Runs.Charts;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel compare</c>: several algorithms over several seeds, summarised in a table and two charts.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var game = GameArgument.Create("--pref-model", withDefault: true);
        var algos = new Option<string>("--algos") { Description = "comma-separated algorithms (see 'rebel algorithms')", Required = true, HelpName = "a,b,..." };
        var seeds = new Option<int>("--seeds") { Description = "runs per algorithm, with seeds 0..N−1", DefaultValueFactory = _ => 3, HelpName = "N" };
        var iterations = new Option<int>("--iterations", "-T") { Description = "iterations T of every run", DefaultValueFactory = _ => 1000 };
        var outDir = new Option<string>("--out") { Description = "output directory: summary.csv, summary.md, comparison.svg (dg_avg), comparison-last.svg (dg_last) and a run directory per algorithm and seed; run the same command again to continue (finished runs are kept, interrupted ones resumed)", Required = true, HelpName = "dir" };
        var force = new Option<bool>("--force") { Description = "start every run afresh, replacing runs already in --out, and accept a directory holding other files (nothing is deleted)" };
        var checkpoint = new Option<double>("--checkpoint-seconds") { Description = "seconds between each run's checkpoints of metrics, state and plot", DefaultValueFactory = _ => 2 };
        var xAxis = new Option<string>("--x-axis") { Description = "the charts' x axis: iterations, or oracle queries (exact mirror descent, which makes none, is then left out)", DefaultValueFactory = _ => "iterations" };
        xAxis.AcceptOnlyFromAmong("iterations", "queries");
        var png = SweepCommand.PngOption("also write each chart as PNG beside its SVG");
        var tensorboard = TensorBoardArgument.Create();
        var flags = new AlgorithmFlags();
        var command = new Command("compare", "Run several algorithms over several seeds and summarise the final duality gaps (mean ± sd) with charts of dg_avg and dg_last.")
        {
            game, algos, seeds, iterations, outDir, force, checkpoint, xAxis, png, tensorboard,
        };
        foreach (var option in flags.Options)
            command.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(png))
                FigureFile.CheckPng("--png");
            var policy = SelfPlayCommand.PolicyOf(flags, parse);
            var names = parse.GetValue(algos)!.Split(',', StringSplitOptions.TrimEntries);
            if (names.Any(n => n.Length == 0))
                throw new UsageException($"--algos: '{parse.GetValue(algos)}' has an empty name (give names separated by single commas)");
            var implementations = names
                .Select(SelfPlayCommand.FindAlgorithm).DistinctBy(d => d.Name).Select(d => SelfPlayCommand.Implementation(d, policy)).ToArray();
            if (implementations.Length == 0)
                throw new UsageException("--algos: give at least one algorithm");
            var descriptors = implementations.Select(i => i.Descriptor).ToArray();
            var values = flags.Given(parse, implementations.Select(i => i.Scope).ToArray());
            int n = parse.GetValue(seeds), t = parse.GetValue(iterations);
            if (n < 1)
                throw new UsageException($"--seeds must be at least 1, not {n.ToString(CultureInfo.InvariantCulture)}");
            if (t < 1)
                throw new UsageException($"--iterations must be at least 1, not {t.ToString(CultureInfo.InvariantCulture)}");
            double every = parse.GetValue(checkpoint);
            if (!(every > 0) || double.IsInfinity(every))
                throw new UsageException($"--checkpoint-seconds must be a positive number, not {every.ToString(CultureInfo.InvariantCulture)}");
            string spec = parse.GetValue(game)!;
            var tabular = GameArgument.Load(spec);
            var chart = (XAxis: parse.GetValue(xAxis) == "queries" ? ChartXAxis.OracleQueries : ChartXAxis.Iterations, Responses: tabular.MaxResponses);
            string dir = parse.GetValue(outDir)!;
            if (dir.Length == 0)
                throw new UsageException("--out: the directory path is empty");
            if (File.Exists(dir))
                throw new UsageException($"--out {dir}: is a file, not a directory");
            bool fresh = parse.GetValue(force);
            // The summary files and the charts, as SVG and (with --png) PNG, are this command's own outputs.
            string[] outputs = [Comparison.CsvFile, Comparison.MarkdownFile, Comparison.ChartFile, Comparison.LastChartFile,
                Path.ChangeExtension(Comparison.ChartFile, ".png"), Path.ChangeExtension(Comparison.LastChartFile, ".png")];
            Sweep.CheckOutput(dir, outputs.Contains, fresh);
            var configs = descriptors.Select(d =>
            {
                var (shared, own) = AlgorithmFlags.Build(d, values);
                return new RunConfig { Game = GameArgument.Resolve(spec), Algorithm = d.Name, Iterations = t, Shared = shared, AlgorithmOptions = own, CheckpointSeconds = every };
            }).ToArray();
            // Every configuration is checked before the first run, so a bad flag costs no computation.
            foreach (var config in configs)
                SelfPlayRun.Validate(config, tabular);
            // The whole output directory is held for the comparison (each run also locks its own), so a second
            // compare into it cannot replace runs this one has finished.
            using var held = RunDirectoryLock.Acquire(dir);
            // The runs already there (from an earlier, interrupted compare) are checked before anything runs: a run with
            // other settings is refused unless --force, so a rerun continues only the comparison it belongs to.
            foreach (var config in configs)
                for (int s = 0; s < n; s++)
                    Sweep.CheckRun(RunPath(dir, config.Algorithm, s), config with { Seed = (ulong)s }, tabular, fresh);
            using var logs = TensorBoardArgument.Open(parse, tensorboard);
            using var ctrlC = new CtrlC();
            var results = new List<KeyValuePair<string, IReadOnlyList<RunResult>>>();
            foreach (var config in configs)
            {
                var runs = new List<RunResult>();
                for (int s = 0; s < n; s++)
                {
                    var run = Sweep.OpenRun(RunPath(dir, config.Algorithm, s), config with { Seed = (ulong)s }, tabular, fresh);
                    try
                    {
                        runs.Add(RunProgress.Run(run, $"{config.Algorithm} seed {s.ToString(CultureInfo.InvariantCulture)}", ctrlC.Token,
                            logs.For(Path.GetFileName(RunPath(dir, config.Algorithm, s)), config)));
                    }
                    catch (OperationCanceledException)
                    {
                        if (runs.Count > 0)
                            results.Add(new(config.Algorithm, runs));
                        return Interrupted(dir, tabular.Name, results, run, chart);
                    }
                }
                results.Add(new(config.Algorithm, runs));
            }
            Comparison.Write(dir, tabular.Name, results, chart.XAxis, chart.Responses);
            var charts = new[] { Comparison.ChartFile, Comparison.LastChartFile }.Select(f => Path.Combine(dir, f)).ToList();
            if (parse.GetValue(png))
                charts.AddRange(FigureFile.WritePngs(charts.ToArray(), "--png"));
            Console.Write(File.ReadAllText(Path.Combine(dir, Comparison.MarkdownFile)));
            Console.WriteLine($"summary: {Path.Combine(dir, Comparison.CsvFile)}, {Path.Combine(dir, Comparison.MarkdownFile)}");
            Console.WriteLine($"charts: {string.Join(", ", charts)}");
            return 0;
        });
        return command;
    }

    private static string RunPath(string dir, string algorithm, int seed) => Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{algorithm}-s{seed}"));

    /// <summary>After Ctrl+C: the summary of the runs that finished (if any) and how to finish the interrupted one.</summary>
    private static int Interrupted(string dir, string title, List<KeyValuePair<string, IReadOnlyList<RunResult>>> finished, SelfPlayRun interrupted, (ChartXAxis XAxis, int Responses) chart)
    {
        string summary = "no run finished, so there is no summary";
        if (finished.Count > 0)
        {
            Comparison.Write(dir, title, finished, chart.XAxis, chart.Responses);
            summary = $"partial summary of the {finished.Sum(f => f.Value.Count).ToString(CultureInfo.InvariantCulture)} finished run(s) in {Path.Combine(dir, Comparison.MarkdownFile)}";
        }
        Console.Error.WriteLine($"rebel: interrupted at iteration {interrupted.Algorithm.Iteration.ToString(CultureInfo.InvariantCulture)} of {interrupted.Directory}; {summary}; the interrupted run continues with: rebel selfplay --resume {interrupted.Directory}, and the whole comparison by running the same command again");
        return CtrlC.ExitCode;
    }
}
