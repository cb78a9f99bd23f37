using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Utils;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel compare</c>: several algorithms over several seeds, summarised in a table and one chart.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var game = GameArgument.Create("--pref-model", withDefault: true);
        var algos = new Option<string>("--algos") { Description = "comma-separated algorithms (see 'rebel algorithms')", Required = true, HelpName = "a,b,..." };
        var seeds = new Option<int>("--seeds") { Description = "runs per algorithm, with seeds 0..N−1", DefaultValueFactory = _ => 3, HelpName = "N" };
        var iterations = new Option<int>("--iterations", "-T") { Description = "iterations T of every run", DefaultValueFactory = _ => 1000 };
        var outDir = new Option<string>("--out") { Description = "output directory: summary.csv, summary.md, comparison.svg and a run directory per algorithm and seed", Required = true, HelpName = "dir" };
        var force = new Option<bool>("--force") { Description = "write into an existing non-empty --out directory (files are replaced; nothing is deleted)" };
        var flags = new AlgorithmFlags();
        var command = new Command("compare", "Run several algorithms over several seeds and summarise the final duality gaps (mean ± sd) with one chart.")
        {
            game, algos, seeds, iterations, outDir, force,
        };
        foreach (var option in flags.Options)
            command.Add(option);
        command.SetAction(parse =>
        {
            var policy = SelfPlayCommand.PolicyOf(flags, parse);
            var implementations = parse.GetValue(algos)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
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
            string spec = parse.GetValue(game)!;
            var tabular = GameArgument.Load(spec);
            string dir = parse.GetValue(outDir)!;
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() && !parse.GetValue(force))
                throw new RunException($"{dir}: already exists and is not empty; choose another --out or pass --force");
            var configs = descriptors.Select(d =>
            {
                var (shared, own) = AlgorithmFlags.Build(d, values);
                return new RunConfig { Game = GameArgument.Resolve(spec), Algorithm = d.Name, Iterations = t, Shared = shared, AlgorithmOptions = own };
            }).ToArray();
            // Every configuration is checked before the first run, so a bad flag costs no computation.
            foreach (var config in configs)
                SelfPlayRun.Validate(config, tabular);
            var results = new List<KeyValuePair<string, IReadOnlyList<RunResult>>>();
            foreach (var config in configs)
            {
                var runs = new List<RunResult>();
                for (int s = 0; s < n; s++)
                {
                    var run = SelfPlayRun.Create(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{config.Algorithm}-s{s}")), config with { Seed = (ulong)s }, tabular, force: true);
                    runs.Add(RunProgress.Run(run, $"{config.Algorithm} seed {s.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None));
                }
                results.Add(new(config.Algorithm, runs));
            }
            Comparison.Write(dir, tabular.Name, results);
            Console.Write(File.ReadAllText(Path.Combine(dir, Comparison.MarkdownFile)));
            Console.WriteLine($"summary: {Path.Combine(dir, Comparison.CsvFile)}, {Path.Combine(dir, Comparison.MarkdownFile)}");
            Console.WriteLine($"chart: {Path.Combine(dir, Comparison.ChartFile)}");
            return 0;
        });
        return command;
    }
}
