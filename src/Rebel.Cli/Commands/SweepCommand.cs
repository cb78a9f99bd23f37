using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Output;
using Rebel.Cli.Terminal;
using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Runs;

namespace Rebel.Cli.Commands;

/// <summary>
/// <c>rebel sweep</c>: every game × algorithm × grid point × seed into a run directory each, in parallel and
/// resumable, summarised in one tidy <c>results.csv</c> and a chart per numeric swept option.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "a rebel-sweep/1 JSON file giving games, algorithms, grid, seeds and iterations (instead of those flags)", HelpName = "sweep.json" };
        var games = new Option<string[]>("--pref-model", "--game")
        {
            Description = "game: a zoo spec or a rebel-game/1 file; repeat the flag for several games",
            HelpName = "spec|file",
            DefaultValueFactory = _ => [GameArgument.DefaultGame],
        };
        var algos = new Option<string>("--algos") { Description = "comma-separated algorithms (see 'rebel algorithms')", HelpName = "a,b,..." };
        var grid = new Option<string[]>("--grid")
        {
            Description = "a swept option and its values, e.g. --grid eta=0.1,0.2 (any option of 'rebel selfplay --help' by its name without dashes), or for one algorithm only, e.g. --grid rebel:samples=2,4; repeat for several options; one value fixes it",
            HelpName = "[algo:]name=v1,v2,...",
        };
        var seeds = new Option<int>("--seeds") { Description = "runs per grid point, with seeds 0..N−1", DefaultValueFactory = _ => 3, HelpName = "N" };
        var iterations = new Option<int>("--iterations", "-T") { Description = "iterations T of every run", DefaultValueFactory = _ => 1000 };
        var checkpoint = new Option<double>("--checkpoint-seconds") { Description = "seconds between each run's checkpoints of metrics, state and plot", DefaultValueFactory = _ => 2 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "runs at a time (results are the same bit for bit for any N)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var outDir = new Option<string>("--out") { Description = "output directory: results.csv, sweep-<option>.svg, sweep.json (the sweep as a file) and a run directory per point and seed; run again to continue", Required = true, HelpName = "dir" };
        var force = new Option<bool>("--force") { Description = "start every run afresh, replacing runs already in --out, and accept a directory holding other files (nothing is deleted)" };
        var shard = new Option<string>("--shard") { Description = "run only shard i of N (0 ≤ i < N): the runs k with k mod N = i, into the shared --out, beside the other shards; results.csv is written afterwards by the same sweep without --shard, which finds every run done", HelpName = "i/N" };
        var slurm = new Option<string>("--slurm") { Description = "write, instead of running, a script for a Slurm cluster: 'bash FILE' submits a job array whose task i runs --shard i/N and a collect job that waits for it (afterok) and writes results.csv; also writes the sweep's spec into --out", HelpName = "FILE" };
        var shards = new Option<int?>("--shards") { Description = Inv($"the array's tasks N for --slurm (default: one per run, at most {SlurmArray.DefaultMaxShards})"), HelpName = "N" };
        var trust = TrustJudge.Create();
        var png = PngOption("also write each chart as PNG beside its SVG");
        var tensorboard = TensorBoardArgument.Create();
        var command = new Command("sweep", "Run a grid of options × games × algorithms × seeds (parallel, resumable) and write one tidy results.csv with a chart per swept option.")
        {
            file, games, algos, grid, seeds, iterations, checkpoint, jobs, outDir, force, png, tensorboard, trust, shard, slurm, shards,
        };
        command.SetAction(parse =>
        {
            SweepSpec spec;
            string source;
            if (parse.GetValue(file) is { } path)
            {
                if (path.Length == 0)
                    throw new UsageException("--file: the path is empty");
                var extra = new Option[] { games, algos, grid, seeds, iterations, checkpoint }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
                if (extra is not null)
                    throw new UsageException($"--file {path} gives the games, algorithms, grid, seeds, iterations and checkpoint seconds; {extra.Name} cannot be combined with it");
                spec = SweepSpec.Load(path);
                source = path;
            }
            else
            {
                string names = parse.GetValue(algos) ?? throw new UsageException("--algos: give the algorithms to sweep (or a sweep file with --file)");
                var list = names.Split(',', StringSplitOptions.TrimEntries);
                if (list.Any(n => n.Length == 0))
                    throw new UsageException($"--algos: '{names}' has an empty name (give names separated by single commas)");
                spec = new SweepSpec
                {
                    Games = parse.GetValue(games)!.Select(g => g.Length == 0 ? throw new UsageException("--pref-model (--game): the game is empty (give a zoo spec or a game file)") : GameArgument.Resolve(g)).ToArray(),
                    Algorithms = list,
                    Grid = (parse.GetValue(grid) ?? []).Select(Parameter).ToArray(),
                    Seeds = parse.GetValue(seeds),
                    Iterations = parse.GetValue(iterations),
                    CheckpointSeconds = parse.GetValue(checkpoint),
                };
                source = "sweep";
            }
            int n = parse.GetValue(jobs);
            if (n < 1)
                throw new UsageException($"--jobs must be at least 1, not {n.ToString(CultureInfo.InvariantCulture)}");
            string dir = parse.GetValue(outDir)!;
            if (dir.Length == 0)
                throw new UsageException("--out: the directory path is empty");
            if (parse.GetValue(png))
                FigureFile.CheckPng("--png");
            var part = Shard(parse.GetValue(shard));
            string? script = parse.GetValue(slurm);
            if (script is { Length: 0 })
                throw new UsageException("--slurm: the script's path is empty");
            if (script is not null && part is not null)
                throw new UsageException("--slurm writes a script whose tasks run the shards; it cannot be combined with --shard");
            if (script is null && parse.GetResult(shards) is { Implicit: false })
                throw new UsageException("--shards gives the tasks of a --slurm script; for one shard use --shard i/N");
            if (parse.GetValue(shards) is { } count && (count < 1 || count > SweepShard.MaxCount))
                throw new UsageException(Inv($"--shards must be 1 to {SweepShard.MaxCount}, not {count}"));
            // The directory is checked before the games load, since loading a judge's game starts the judge.
            Sweep.CheckOutput(dir, Sweep.IsOutputFile, parse.GetValue(force));
            // Only the judge: specs typed here consent; those of a sweep file need --trust-judge.
            var typedGames = parse.GetValue(file) is null ? parse.GetValue(games)! : [];
            var consent = TrustJudge.Consent(parse, trust, typedGames);
            var plan = Sweep.Plan(spec, s => GameArgument.Load(s, consent), source);
            if (script is not null)
                return WriteSlurm(script, dir, plan, parse.GetValue(shards), n, parse.GetValue(trust) || plan.Spec.Games.Any(g => typedGames.Contains(g) && g.StartsWith(JudgeSpec.Prefix, StringComparison.Ordinal)));
            using var logs = TensorBoardArgument.Open(parse, tensorboard);
            var mine = plan.Points.Where((_, i) => part?.Owns(i) ?? true).ToArray();
            // Looked up at every iteration of every run: by reference, since a point's own hash reads all its options.
            IEqualityComparer<SweepPoint> byReference = ReferenceEqualityComparer.Instance;
            var log = mine.ToDictionary(p => p, p => logs.For(p.Name, p.Config), byReference);
            int done = 0, total = mine.Length;
            using var ctrlC = new CtrlC();
            var slot = mine.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, byReference);
            SweepOutcome outcome;
            // Progress by the clock over all runs' iterations (a line at least every 2 s), and a line per finished run.
            using (var lines = new TimedProgress("sweep", mine.Sum(p => (long)p.Config.Iterations), total, detail: () => Inv($"{Volatile.Read(ref done)}/{total} runs")))
                outcome = Sweep.Run(dir, plan, n, parse.GetValue(force), (point, result) =>
                {
                    done++;
                    lines.Report(slot[point], point.Config.Iterations, stepped: false);
                    Console.Error.WriteLine($"[{done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)}] {point.Name}: {RunProgress.Gaps(result.Final!)}");
                }, ctrlC.Token, (point, m) =>
                {
                    log[point]?.Invoke(m);
                    lines.Report(slot[point], m.Iteration);
                }, part);
            string results = Path.Combine(dir, Sweep.ResultsFile);
            string again = $"rebel sweep --file {Path.Combine(dir, Sweep.SpecFile)} --out {dir}";
            if (outcome.Cancelled)
            {
                int finished = outcome.Results.Count(r => r is not null);
                string written = part is not null || finished == 0 ? "no results yet" : $"their results are in {results}";
                Console.Error.WriteLine($"rebel: interrupted with {finished.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} runs finished ({written}); the others are checkpointed; continue with: {again}{(part is null ? "" : $" --shard {part}")}");
                return CtrlC.ExitCode;
            }
            if (part is not null)
            {
                Console.WriteLine($"{total.ToString(CultureInfo.InvariantCulture)} runs of shard {part} in {dir}");
                Console.WriteLine($"once every shard has finished, '{again}' writes {results}");
                return 0;
            }
            Console.WriteLine($"{total.ToString(CultureInfo.InvariantCulture)} runs in {dir}");
            Console.WriteLine($"results: {results}");
            var charts = Directory.EnumerateFiles(dir, Sweep.ChartPrefix + "*.svg").Order(StringComparer.Ordinal).ToList();
            if (parse.GetValue(png))
                charts.AddRange(FigureFile.WritePngs(charts.ToArray(), "--png"));
            foreach (var chart in charts)
                Console.WriteLine($"chart: {chart}");
            return 0;
        });
        return command;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>--shard i/N</c> value, or null for the whole sweep.</summary>
    private static SweepShard? Shard(string? text)
    {
        if (text is null)
            return null;
        try
        {
            return SweepShard.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--shard {e.Message}");
        }
    }

    /// <summary><c>--slurm FILE</c>: the sweep's spec into its directory, and the script that runs it on Slurm.</summary>
    private static int WriteSlurm(string script, string dir, SweepPlan plan, int? shards, int jobs, bool trustJudge)
    {
        int count = shards ?? Math.Min(plan.Points.Count, SlurmArray.DefaultMaxShards);
        string spec = Path.Combine(dir, Sweep.SpecFile);
        try
        {
            Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(spec, plan.Spec.ToJson());
            SlurmArray.Write(script, spec, dir, count, jobs, trustJudge);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--slurm {script}: {e.Message.Split('\n')[0]}");
        }
        Console.WriteLine(Inv($"{plan.Points.Count} runs in {count} shards: {spec}"));
        Console.WriteLine($"script: {script} (run 'bash {script}' on the cluster to submit the array and its collect job)");
        return 0;
    }

    /// <summary>The <c>--png</c> flag of the commands that draw figures.</summary>
    public static Option<bool> PngOption(string what) => new("--png") { Description = what + " (rendered in-process by Svg.Skia; no browser needed)" };

    /// <summary>A <c>--grid name=v1,v2,...</c> value.</summary>
    private static SweepParameter Parameter(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new UsageException($"--grid '{text}': give an option and its values as name=v1,v2,... or algorithm:name=v1,v2,...");
        string name = text[..eq].Trim().TrimStart('-');
        string values = text[(eq + 1)..];
        if (values.Trim().Length == 0)
            throw new UsageException($"--grid {name}: no values (give at least one, as {name}=v1,v2,...)");
        var list = values.Split(',', StringSplitOptions.TrimEntries);
        if (list.Any(v => v.Length == 0))
            throw new UsageException($"--grid {name}: '{values}' has an empty value (separate values by single commas)");
        return SweepParameter.FromKey(name, list);
    }
}
