using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Utils;
using Rebel.Runs;
using Rebel.Games;
using Rebel.Runs.Charts;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel compare</c>: several algorithms over several seeds, summarised in a table and two charts.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var games = new Option<string[]>("--pref-model", "--game")
        {
            Description = "game: a zoo spec, a rebel-game/1 file or a judge; repeat the flag to compare on several games (each gets its summary and charts in DIR/<game>)",
            HelpName = "spec|file",
            DefaultValueFactory = _ => [GameArgument.DefaultGame],
        };
        var algos = new Option<string>("--algos") { Description = "comma-separated algorithms (see 'rebel algorithms')", Required = true, HelpName = "a,b,..." };
        var seeds = new Option<string>("--seeds") { Description = "the seeds of each algorithm's runs: a count N (seeds 0..N−1), a range a..b, or a list a,b,c", DefaultValueFactory = _ => "3", HelpName = "N|a..b|a,b,c" };
        var iterations = new Option<int>("--iterations", "-T") { Description = "iterations T of every run", DefaultValueFactory = _ => 1000 };
        var outDir = new Option<string>("--out") { Description = "output directory: summary.csv, summary.md, comparison.svg (dg_avg), comparison-last.svg (dg_last) and a run directory per algorithm and seed (in DIR/<game> for each of several games); run the same command again to continue (finished runs are kept, interrupted ones resumed)", Required = true, HelpName = "dir" };
        var force = new Option<bool>("--force") { Description = "start every run afresh, replacing runs already in --out, and accept a directory holding other files (nothing is deleted)" };
        var checkpoint = new Option<double>("--checkpoint-seconds") { Description = "seconds between each run's checkpoints of metrics, state and plot", DefaultValueFactory = _ => 2 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "runs at a time (results are the same bit for bit for any N)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var xAxis = new Option<string>("--x-axis") { Description = "the charts' x axis: iterations, or oracle queries (exact mirror descent, which makes none, is then left out)", DefaultValueFactory = _ => "iterations" };
        xAxis.AcceptOnlyFromAmong("iterations", "queries");
        var png = SweepCommand.PngOption("also write each chart as PNG beside its SVG");
        var tensorboard = TensorBoardArgument.Create();
        var queries = new Option<long?>("--queries") { Description = "equal oracle budgets: run each algorithm until it has asked the oracle Q times (its horizon is Q over its queries per iteration, rounded up); an exact algorithm, which asks none, runs --iterations", HelpName = "Q" };
        var target = new Option<double>("--target") { Description = "the dg_avg whose oracle queries the summary reports (queries to target)", DefaultValueFactory = _ => Comparison.TargetGap, HelpName = "gap" };
        var trust = TrustJudge.Create();
        var flags = new AlgorithmFlags();
        var command = new Command("compare", "Run several algorithms over several seeds (and games) and summarise the final duality gaps (mean ± sd) with charts of dg_avg and dg_last.")
        {
            games, algos, seeds, iterations, outDir, force, checkpoint, jobs, xAxis, png, tensorboard, queries, target, trust,
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
            var seedList = SeedArgument.List(parse.GetValue(seeds)!);
            int t = parse.GetValue(iterations), n = parse.GetValue(jobs);
            if (t < 1)
                throw new UsageException($"--iterations must be at least 1, not {t.ToString(CultureInfo.InvariantCulture)}");
            if (n < 1)
                throw new UsageException($"--jobs must be at least 1, not {n.ToString(CultureInfo.InvariantCulture)}");
            double every = parse.GetValue(checkpoint);
            if (!(every > 0) || double.IsInfinity(every))
                throw new UsageException($"--checkpoint-seconds must be a positive number, not {every.ToString(CultureInfo.InvariantCulture)}");
            if (parse.GetValue(queries) is { } budget && budget < 1)
                throw new UsageException($"--queries must be at least 1, not {budget.ToString(CultureInfo.InvariantCulture)}");
            double goal = parse.GetValue(target);
            if (!(goal > 0) || double.IsInfinity(goal))
                throw new UsageException($"--target must be a positive number, not {goal.ToString(CultureInfo.InvariantCulture)}");
            string dir = parse.GetValue(outDir)!;
            if (dir.Length == 0)
                throw new UsageException("--out: the directory path is empty");
            if (File.Exists(dir))
                throw new UsageException($"--out {dir}: is a file, not a directory");
            var specs = parse.GetValue(games)!;
            if (specs.Distinct(StringComparer.Ordinal).Count() != specs.Length)
                throw new UsageException("--pref-model: a game is given twice");
            // One game keeps the layout of a single comparison; several get a comparison each, in DIR/<game>.
            var directories = specs.Select(spec => specs.Length == 1 ? dir : Path.Combine(dir, RunDirectories.Game(spec))).ToArray();
            if (directories.Distinct(StringComparer.Ordinal).Count() != directories.Length)
                throw new UsageException("--pref-model: two games would share a directory name in --out (give files of different names)");
            var chartAxis = parse.GetValue(xAxis) == "queries" ? ChartXAxis.OracleQueries : ChartXAxis.Iterations;
            bool fresh = parse.GetValue(force);
            // The summary files and the charts, as SVG and (with --png) PNG, are this command's own outputs.
            string[] outputs = [Comparison.CsvFile, Comparison.MarkdownFile, Comparison.ChartFile, Comparison.LastChartFile,
                Path.ChangeExtension(Comparison.ChartFile, ".png"), Path.ChangeExtension(Comparison.LastChartFile, ".png")];
            // The directories are checked before the games load, since loading a judge's game starts the judge.
            foreach (var d in directories)
                Sweep.CheckOutput(d, outputs.Contains, fresh);
            var consent = TrustJudge.Consent(parse, trust, specs);
            var comparisons = specs.Select((spec, g) => new Game(spec, GameArgument.Load(spec, consent), directories[g])).ToArray();
            var configs = comparisons.Select(c => descriptors.Select(d =>
            {
                var (shared, own) = AlgorithmFlags.Build(d, values);
                return new RunConfig { Game = GameArgument.Resolve(c.Spec), Algorithm = d.Name, Iterations = t, Shared = shared, AlgorithmOptions = own, CheckpointSeconds = every };
            }).ToArray()).ToArray();
            // Every configuration is checked before the first run, so a bad flag costs no computation.
            for (int g = 0; g < comparisons.Length; g++)
                foreach (var config in configs[g])
                    SelfPlayRun.Validate(config, comparisons[g].Tabular);
            if (parse.GetValue(queries) is { } q)
                for (int g = 0; g < comparisons.Length; g++)
                    configs[g] = configs[g].Select(c => WithBudget(c, comparisons[g].Tabular, q)).ToArray();
            // The runs already there (from an earlier, interrupted compare) are checked before anything runs or is
            // written: a run with other settings is refused unless --force, so a rerun continues only the comparison it
            // belongs to (and each run is checked again as it opens).
            var runs = (from g in Enumerable.Range(0, comparisons.Length)
                        from a in Enumerable.Range(0, descriptors.Length)
                        from s in seedList
                        select (Game: g, Algorithm: a, Seed: s, Path: RunPath(comparisons[g].Directory, configs[g][a].Algorithm, s))).ToArray();
            foreach (var r in runs)
                Sweep.CheckRun(r.Path, configs[r.Game][r.Algorithm] with { Seed = r.Seed }, comparisons[r.Game].Tabular, fresh);
            // The whole output directory is held for the comparison (each run also locks its own), so a second
            // compare into it cannot replace runs this one has finished.
            using var held = RunDirectoryLock.Acquire(dir);
            using var logs = TensorBoardArgument.Open(parse, tensorboard);
            using var ctrlC = new CtrlC();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctrlC.Token);
            var results = new RunResult?[runs.Length];
            var interrupted = new System.Collections.Concurrent.ConcurrentBag<SelfPlayRun>();
            Exception? failure = null;
            var order = System.Collections.Concurrent.Partitioner.Create(Enumerable.Range(0, runs.Length), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
            // N runs at a time share the cores: each run's kernels get their share.
            using var share = ComputeThreads.Share(n);
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = n }, i =>
            {
                if (stop.IsCancellationRequested)
                    return;
                var (g, a, seed, path) = runs[i];
                var config = configs[g][a] with { Seed = seed };
                try
                {
                    var run = Sweep.OpenRun(path, config, comparisons[g].Tabular, fresh);
                    try
                    {
                        string label = (specs.Length > 1 ? comparisons[g].Tabular.Name + " " : "") + $"{config.Algorithm} seed {seed.ToString(CultureInfo.InvariantCulture)}";
                        // Several runs at a time print labelled lines; a live display is for one run at a time.
                        results[i] = RunProgress.Run(run, label, stop.Token, logs.For(Path.GetRelativePath(dir, path), config), lines: n > 1);
                    }
                    catch (OperationCanceledException)
                    {
                        interrupted.Add(run);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    lock (results)
                        failure ??= e;
                    // The other runs checkpoint and stop, so that the comparison ends soon with everything resumable.
                    stop.Cancel();
                }
            });
            var charts = new List<string>();
            for (int g = 0; g < comparisons.Length; g++)
            {
                var finished = descriptors.Select((d, a) => new KeyValuePair<string, IReadOnlyList<RunResult>>(d.Name,
                    runs.Select((r, i) => (r, i)).Where(x => x.r.Game == g && x.r.Algorithm == a && results[x.i] is not null).Select(x => results[x.i]!).ToArray()))
                    .Where(kv => kv.Value.Count > 0).ToList();
                if (finished.Count > 0)
                    Comparison.Write(comparisons[g].Directory, comparisons[g].Tabular.Name, finished, chartAxis, comparisons[g].Tabular.MaxResponses, goal);
            }
            if (failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            if (ctrlC.Token.IsCancellationRequested)
                return Interrupted(specs.Length == 1 ? Path.Combine(dir, Comparison.MarkdownFile) : Path.Combine(dir, "*", Comparison.MarkdownFile), results.Count(r => r is not null), interrupted.ToArray());
            foreach (var c in comparisons)
            {
                var figures = new[] { Comparison.ChartFile, Comparison.LastChartFile }.Select(f => Path.Combine(c.Directory, f)).ToList();
                if (parse.GetValue(png))
                    figures.AddRange(FigureFile.WritePngs(figures.ToArray(), "--png"));
                charts.AddRange(figures);
                Console.Write(File.ReadAllText(Path.Combine(c.Directory, Comparison.MarkdownFile)));
                Console.WriteLine($"summary: {Path.Combine(c.Directory, Comparison.CsvFile)}, {Path.Combine(c.Directory, Comparison.MarkdownFile)}");
            }
            Console.WriteLine($"charts: {string.Join(", ", charts)}");
            return 0;
        });
        return command;
    }

    /// <summary>The config with the horizon that spends <paramref name="budget"/> oracle queries (an exact algorithm keeps its --iterations).</summary>
    private static RunConfig WithBudget(RunConfig config, TabularGame game, long budget)
    {
        if (SelfPlayRun.QueriesPerIteration(config, game) is not { } perIteration)
        {
            Console.Error.WriteLine($"rebel: {config.Algorithm} asks the oracle nothing; it runs --iterations {config.Iterations.ToString(CultureInfo.InvariantCulture)}");
            return config;
        }
        long iterations = (budget + perIteration - 1) / perIteration;
        if (iterations > int.MaxValue)
            throw new UsageException($"--queries {budget.ToString(CultureInfo.InvariantCulture)}: {config.Algorithm} asks {perIteration.ToString(CultureInfo.InvariantCulture)} queries per iteration, so it would need more than {int.MaxValue.ToString(CultureInfo.InvariantCulture)} iterations");
        return config with { Iterations = (int)iterations };
    }

    /// <summary>One game of the comparison: its spec, the game, and the directory of its summary, charts and runs.</summary>
    private sealed record Game(string Spec, TabularGame Tabular, string Directory);

    private static string RunPath(string dir, string algorithm, ulong seed) => Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{algorithm}-s{seed}"));

    /// <summary>After Ctrl+C: the summaries of the runs that finished are written; how to finish the interrupted ones.</summary>
    private static int Interrupted(string summaries, int finished, SelfPlayRun[] interrupted)
    {
        string summary = finished == 0 ? "no run finished, so there is no summary"
            : $"partial summary of the {finished.ToString(CultureInfo.InvariantCulture)} finished run(s) in {summaries}";
        string where = string.Join(", ", interrupted.Select(r => $"{r.Algorithm.Iteration.ToString(CultureInfo.InvariantCulture)} of {r.Directory}"));
        string resume = string.Join(", ", interrupted.Select(r => $"rebel selfplay --resume {r.Directory}"));
        Console.Error.WriteLine($"rebel: interrupted at iteration {where}; {summary}; the interrupted run{(interrupted.Length == 1 ? "" : "s")} continue{(interrupted.Length == 1 ? "s" : "")} with: {resume}, and the whole comparison by running the same command again");
        return CtrlC.ExitCode;
    }
}
