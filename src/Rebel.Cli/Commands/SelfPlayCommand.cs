using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Output;
using Rebel.Cli.Terminal;
using Rebel.Preference.Options;
using Rebel.Preference;
using Rebel.Preference.Evaluation;
using Rebel.Runs;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel selfplay</c>: one self-play run into a run directory, or the continuation of a killed one.</summary>
internal static class SelfPlayCommand
{
    public static Command Create()
    {
        var game = GameArgument.Create("--pref-model", withDefault: true);
        var algo = new Option<string>("--algo") { Description = "algorithm (see 'rebel algorithms')", DefaultValueFactory = _ => "rebel", HelpName = "name" };
        var iterations = new Option<int>("--iterations", "-T") { Description = "number of iterations T", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "seed of all randomness; a run is bit-reproducible from it [default: 0]", CustomParser = SeedArgument.Parse };
        var outDir = new Option<string>("--out") { Description = "run directory [default: runs/<game>-<algo>-s<seed>, made unique]", HelpName = "dir" };
        var resume = new Option<string>("--resume") { Description = "continue the killed or interrupted run in this directory, with its recorded options; with --iterations N, extend it (finished or not) to N iterations", HelpName = "dir" };
        var configFile = new Option<string>("--config") { Description = "re-create the run a config.json describes (game, algorithm, every option, seed, horizon) into --out", HelpName = "file" };
        var force = new Option<bool>("--force") { Description = "write into an existing non-empty --out directory (its run files are replaced; nothing is deleted)" };
        var checkpoint = new Option<double>("--checkpoint-seconds") { Description = "seconds between checkpoints of metrics, state and plot", DefaultValueFactory = _ => 2 };
        var logEvery = new Option<int?>("--log-every") { Description = "evaluate and write every N-th iteration (and always the last); default: chosen by the game's size so that evaluation is a small share of a sampled run (1 up to ~96 responses per context)", HelpName = "N" };
        var trust = TrustJudge.Create();
        var png = SweepCommand.PngOption("also write plot.png (and simplex.png) beside the SVGs at the end");
        var tensorboard = TensorBoardArgument.Create();
        var flags = new AlgorithmFlags();
        var command = new Command("selfplay", "Run a self-play algorithm on a game and write its run directory (config, metrics.jsonl, checkpoint, policy, plot.svg).")
        {
            game, algo, iterations, seed, outDir, resume, configFile, force, checkpoint, logEvery, png, tensorboard, trust,
        };
        foreach (var option in flags.Options)
            command.Add(option);
        command.SetAction(parse =>
        {
            SelfPlayRun run;
            if (parse.GetValue(png))
                FigureFile.CheckPng("--png");
            using var logs = TensorBoardArgument.Open(parse, tensorboard);
            if (parse.GetValue(resume) is { } resumeDir)
            {
                if (resumeDir.Length == 0)
                    throw new UsageException("--resume: the directory path is empty");
                if (Extra(parse, resume, iterations, png, tensorboard, trust) is { } extra)
                    throw new UsageException($"--resume takes every option from {Path.Combine(resumeDir, RunFiles.Config)}; {extra} cannot be combined with it (only --iterations, to extend the run)");
                var consent = TrustJudge.Consent(parse, trust);
                resumeDir = RankDirectory.Of(resumeDir, resume: true);
                if (parse.GetResult(iterations) is { Implicit: false })
                    SelfPlayRun.Extend(resumeDir, parse.GetValue(iterations), s => GameArgument.Load(s, consent));
                run = SelfPlayRun.Resume(resumeDir, s => GameArgument.Load(s, consent));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resuming {resumeDir} at iteration {run.Algorithm.Iteration}/{run.Config.Iterations}"));
            }
            else if (parse.GetValue(configFile) is { } configPath)
            {
                if (configPath.Length == 0)
                    throw new UsageException("--config: the file path is empty");
                if (Extra(parse, configFile, outDir, force, png, tensorboard, trust) is { } extra)
                    throw new UsageException($"--config takes every option from {configPath}; {extra} cannot be combined with it (only --out, --force and {TrustJudge.Flag})");
                if (parse.GetValue(outDir) is null or "")
                    throw new UsageException("--config needs --out: the directory of the re-created run");
                string dir = RankDirectory.Of(parse.GetValue(outDir)!, resume: false);
                SelfPlayRun.CheckNewRunDirectory(dir, parse.GetValue(force));
                var consent = TrustJudge.Consent(parse, trust);
                var (config, tabular) = SelfPlayRun.ReadConfig(configPath, s => GameArgument.Load(s, consent));
                run = SelfPlayRun.Create(dir, config, tabular, parse.GetValue(force));
            }
            else
            {
                var policy = PolicyOf(flags, parse);
                var (descriptor, key) = Implementation(FindAlgorithm(parse.GetValue(algo)!), policy);
                var (shared, own) = AlgorithmFlags.Build(descriptor, flags.Given(parse, [key]));
                int t = parse.GetValue(iterations);
                if (t < 1)
                    throw new UsageException($"--iterations must be at least 1, not {t.ToString(CultureInfo.InvariantCulture)}");
                double every = parse.GetValue(checkpoint);
                if (!(every > 0) || double.IsInfinity(every))
                    throw new UsageException($"--checkpoint-seconds must be a positive number, not {every.ToString(CultureInfo.InvariantCulture)}");
                if (parse.GetValue(logEvery) is int n && n < 1)
                    throw new UsageException($"--log-every must be at least 1, not {n.ToString(CultureInfo.InvariantCulture)}");
                string spec = parse.GetValue(game)!;
                if (parse.GetValue(outDir) is "")
                    throw new UsageException("--out: the directory path is empty");
                string dir = RankDirectory.Of(parse.GetValue(outDir) ?? RunDirectories.Fresh(Path.Combine("runs", RunDirectories.Name(spec, descriptor.Name, parse.GetValue(seed)))), resume: false);
                // The directory is checked before the game loads, since loading a judge's game starts the judge.
                SelfPlayRun.CheckNewRunDirectory(dir, parse.GetValue(force));
                var tabular = GameArgument.Load(spec, TrustJudge.Consent(parse, trust, spec));
                var config = new RunConfig
                {
                    Game = GameArgument.Resolve(spec),
                    Algorithm = descriptor.Name,
                    Iterations = t,
                    Seed = parse.GetValue(seed),
                    Shared = shared,
                    AlgorithmOptions = own,
                    CheckpointSeconds = every,
                    // A neural policy's step costs more than its evaluation, which has its own --eval-every.
                    LogEvery = parse.GetValue(logEvery) ?? (policy == PolicyKind.Neural ? 1 : PolicyEvaluator.AutoEvery(tabular)),
                };
                run = SelfPlayRun.Create(dir, config, tabular, parse.GetValue(force));
            }
            // Where the run goes is the first thing a user wants to know, before any progress.
            Console.WriteLine($"run directory: {run.Directory}");
            if (RunInterruptibly(run, logs.For(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run.Directory))), run.Config)) is not { } result)
                return CtrlC.ExitCode;
            if (result.Final is { } f && double.IsNaN(f.DualityGapAverage) && f.Extra.Any(e => e.Key == "dg_avg_est"))
            {
                double Extra(string key) => f.Extra.Where(e => e.Key == key).Select(e => e.Value).DefaultIfEmpty(double.NaN).First();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"estimated duality gap after {f.Iteration} iterations (the judge's matrix is not enumerated; ± a conservative 95% half-width): last iterate {Extra("dg_last_est"):G6} ± {Extra("dg_last_est_ci"):G2}, average iterate {Extra("dg_avg_est"):G6} ± {Extra("dg_avg_est_ci"):G2}"));
            }
            else if (result.Final is { } e && double.IsNaN(e.DualityGapLast) && e.Extra.Any(x => x.Key == "win_rate_ref_est"))
                // Generated responses have no exact gap: the run's last estimates, each with its 95% half-width.
                Console.WriteLine($"no exact gap after {e.Iteration} iterations (responses are generated); estimated: "
                    + string.Join(", ", new[] { ("dg_last_est", "dg_last_est_ci"), ("win_rate_ref_est", "win_rate_ref_ci"), ("exploit_pool_est", "exploit_pool_ci") }
                        .Where(k => e.Extra.Any(x => x.Key == k.Item1)).Select(k => string.Create(CultureInfo.InvariantCulture,
                            $"{k.Item1} {e.Extra.Single(x => x.Key == k.Item1).Value:G4} ± {e.Extra.Single(x => x.Key == k.Item2).Value:G4}"))));
            else if (result.Final is { } g)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final duality gap after {g.Iteration} iterations: last iterate {g.DualityGapLast:G6}, average iterate {g.DualityGapAverage:G6}")
                    + string.Concat(g.Extra.Where(e => e.Key == "dg_reg").Select(e => string.Create(CultureInfo.InvariantCulture, $"; regularised game's gap dg_reg {e.Value:G6}"))));
            var figures = new[] { RunFiles.Plot, RunFiles.Simplex }.Select(f => Path.Combine(run.Directory, f)).Where(File.Exists).ToList();
            if (parse.GetValue(png))
                figures.AddRange(FigureFile.WritePngs(figures.ToArray(), "--png"));
            foreach (string figure in figures)
                Console.WriteLine($"{Path.GetFileNameWithoutExtension(figure)}: {figure}");
            return 0;
        });
        return command;
    }

    /// <summary>The name of an option the user gave besides <paramref name="allowed"/>, or null.</summary>
    private static string? Extra(ParseResult parse, params Option[] allowed) =>
        parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .FirstOrDefault(r => !r.Implicit && !allowed.Contains(r.Option))?.Option.Name;

    /// <summary>The <c>--policy</c> given (or its default).</summary>
    public static PolicyKind PolicyOf(AlgorithmFlags flags, ParseResult parse) =>
        ((SelfPlayOptions)OptionFields.Create(typeof(SelfPlayOptions), flags.Given(parse, flags.Scopes))).Policy;

    /// <summary>The implementation of <paramref name="listed"/> for <paramref name="policy"/> (a registered variant or the listed algorithm) and the scope its flags are checked against.</summary>
    public static (AlgorithmDescriptor Descriptor, string Scope) Implementation(AlgorithmDescriptor listed, PolicyKind policy)
    {
        var descriptor = AlgorithmCatalog.For(listed.Name, policy)!;
        if (descriptor != listed)
            return (descriptor, AlgorithmFlags.VariantKey(listed.Name, policy));
        if (listed.Supports(policy))
            return (listed, listed.Name);
        var supporting = AlgorithmCatalog.All.Where(a => a.Supports(policy)).Select(a => a.Name)
            .Concat(AlgorithmCatalog.RegisteredVariants.Where(v => v.Policy == policy).Select(v => v.Descriptor.Name)).Order(StringComparer.Ordinal);
        throw new UsageException($"--policy {OptionField.Format(policy)}: not implemented by {listed.Name} (only by {string.Join(", ", supporting)})");
    }

    public static AlgorithmDescriptor FindAlgorithm(string name) =>
        AlgorithmCatalog.All.FirstOrDefault(a => a.Name == name)
        ?? throw new UsageException($"--algo: unknown algorithm '{name}' (known: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))})");

    /// <summary>Runs to the end, or null when Ctrl+C stopped it: the run checkpoints and the hint says how to resume.</summary>
    private static RunResult? RunInterruptibly(SelfPlayRun run, Action<IterationMetrics>? also)
    {
        using var ctrlC = new CtrlC();
        try
        {
            return RunProgress.Run(run, run.Config.Algorithm, ctrlC.Token, also);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"rebel: interrupted at iteration {run.Algorithm.Iteration.ToString(CultureInfo.InvariantCulture)}; continue with: rebel selfplay --resume {run.Directory}");
            return null;
        }
    }
}
