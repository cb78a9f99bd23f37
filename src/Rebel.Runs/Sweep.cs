using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference;
using Rebel.Preference.Options;
using Rebel.Runs.Json;

namespace Rebel.Runs;

/// <summary>
/// A sweep (<c>rebel sweep</c>): one run directory per game × algorithm × grid point × seed under the sweep's
/// directory, run in parallel and resumable — a finished run is read back, a killed one resumed, a missing one
/// created — then <see cref="ResultsFile"/>, one row per run and one aggregated row per grid point, and a chart per
/// numeric swept option. Results are the same bit for bit whatever the parallelism: every run depends only on its
/// own configuration and seed.
/// </summary>
public static class Sweep
{
    /// <summary>The tidy results table.</summary>
    public const string ResultsFile = "results.csv";

    /// <summary>The per-grid-point summary: the columns of <see cref="ResultsFile"/>, one row per grid point with seed <c>all</c>.</summary>
    public const string SummaryFile = "summary.csv";

    /// <summary>The sweep's spec as it was last run, a <c>rebel-sweep/1</c> file: <c>rebel sweep --file DIR/sweep.json --out DIR</c> continues or repeats it.</summary>
    public const string SpecFile = "sweep.json";

    /// <summary>The most runs a sweep may have; more is surely a typo (and would take memory before running anything).</summary>
    public const int MaxRuns = 100_000;

    /// <summary>The charts are <c>sweep-&lt;option&gt;.svg</c>.</summary>
    public const string ChartPrefix = "sweep-";

    /// <summary>
    /// Checks <paramref name="spec"/> and expands it into its runs, before anything runs: games load, algorithms and
    /// option names are known, every swept option exists for every algorithm it is swept with, every value parses,
    /// and each point's algorithm is constructed once (so an option an algorithm would refuse — a shared option it
    /// does not use included — fails the whole sweep up front).
    /// </summary>
    /// <param name="spec">The sweep.</param>
    /// <param name="loadGame">Loads a game from its spec or file path.</param>
    /// <param name="source">Where the spec came from (a file path, or the command), prefixed to every error.</param>
    /// <exception cref="RunException">The spec is invalid; the message names the property, option, value or algorithm.</exception>
    public static SweepPlan Plan(SweepSpec spec, Func<string, TabularGame> loadGame, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(loadGame);
        RunException Error(string message) => new($"{source}: {message}");
        if (spec.Games.Count == 0)
            throw Error("games: the list is empty (give at least one game)");
        if (spec.Algorithms.Count == 0)
            throw Error("algorithms: the list is empty (give at least one algorithm)");
        if (spec.Seeds < 1)
            throw Error(Inv($"seeds must be at least 1, not {spec.Seeds}"));
        if (spec.Iterations < 1)
            throw Error(Inv($"iterations must be at least 1, not {spec.Iterations}"));
        if (!(spec.CheckpointSeconds > 0) || double.IsInfinity(spec.CheckpointSeconds))
            throw Error(Inv($"checkpoint_seconds must be a positive number, not {spec.CheckpointSeconds}"));
        if (Repeated(spec.Games) is { } g)
            throw Error($"games: '{g}' is given twice");
        if (Repeated(spec.Algorithms) is { } a)
            throw Error($"algorithms: '{a}' is given twice");
        if (Repeated(spec.Grid.Select(p => p.Key).ToArray()) is { } n)
            throw Error($"grid: option '{n}' is given twice");
        foreach (string algorithm in spec.Algorithms)
            if (AlgorithmCatalog.All.All(d => d.Name != algorithm))
                throw Error($"algorithms: unknown algorithm '{algorithm}' (known: {string.Join(", ", AlgorithmCatalog.All.Select(d => d.Name))})");
        foreach (var p in spec.Grid)
            if (p.Algorithm is { } only && !spec.Algorithms.Contains(only, StringComparer.Ordinal))
                throw Error($"grid: '{p.Key}' is for algorithm '{only}', which the sweep does not run (it runs {string.Join(", ", spec.Algorithms)})");
        var grid = spec.Grid.Select(p => p with { Values = Canonical(p, Error) }).ToArray();
        // Counted in floating point, since a product of list lengths can overflow any integer.
        double runs = (double)spec.Seeds * spec.Games.Count * spec.Algorithms.Sum(a =>
            grid.Where(p => p.Algorithm is null || p.Algorithm == a).Aggregate(1.0, (product, p) => product * p.Values.Count));
        if (runs > MaxRuns)
            throw Error(Inv($"the sweep has {runs:G6} runs, more than the {MaxRuns} allowed (fewer seeds, games, algorithms or values)"));

        var games = new Dictionary<string, TabularGame>(StringComparer.Ordinal);
        foreach (string game in spec.Games)
        {
            try
            {
                games[game] = loadGame(game);
            }
            catch (JudgeConsentException e)
            {
                throw e.From($"{source}: games: '{game}'");
            }
        }
        var points = new List<SweepPoint>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string game in spec.Games)
        {
            foreach (string algorithm in spec.Algorithms)
            {
                var applicable = grid.Where(p => p.Algorithm is null || p.Algorithm == algorithm).ToArray();
                if (Repeated(applicable.Select(p => p.Name).ToArray()) is { } twice)
                    throw Error($"grid: option '{twice}' is swept twice for {algorithm} (as '{twice}' and '{algorithm}:{twice}')");
                foreach (var values in Combinations(applicable))
                {
                    var config = Config(game, algorithm, values, spec.Iterations, Error) with { CheckpointSeconds = spec.CheckpointSeconds };
                    string label = Label(GameLabel(game), algorithm, values);
                    try
                    {
                        SelfPlayRun.Validate(config, games[game]);
                    }
                    catch (RunException e)
                    {
                        // A refused option keeps its structure, so that the CLI names its flag.
                        throw e.Option is { } option ? new RunException($"{source}: {label}: {e.Place}", option) : Error($"{label}: {e.Message}");
                    }
                    for (int s = 0; s < spec.Seeds; s++)
                    {
                        string name = Inv($"{label}-s{s}");
                        if (names.TryGetValue(name, out string? other))
                            throw Error(other == game
                                ? $"two points would share the run directory '{name}' (their values differ only in characters a directory name cannot hold)"
                                : $"games '{other}' and '{game}' would share the run directory '{name}' (give one of them another file name)");
                        names[name] = game;
                        points.Add(new SweepPoint(game, algorithm, values, (ulong)s, name, config with { Seed = (ulong)s }));
                    }
                }
            }
        }
        return new SweepPlan(spec with { Grid = grid }, points, games);
    }

    /// <summary>
    /// Runs every point of <paramref name="plan"/> not yet finished into <paramref name="directory"/>, at most
    /// <paramref name="jobs"/> at a time, then writes <see cref="ResultsFile"/> and the charts (also after
    /// cancellation, for the runs that finished). The directory is checked and every run already in it validated
    /// before anything runs: a run there with other settings is refused unless <paramref name="force"/>, which starts
    /// every run afresh.
    /// </summary>
    /// <param name="directory">The sweep's directory (created if needed; held by its lock while the sweep runs).</param>
    /// <param name="plan">What to run.</param>
    /// <param name="jobs">Runs at a time, at least 1.</param>
    /// <param name="force">Replace the runs already there and accept a directory holding other files (nothing is deleted).</param>
    /// <param name="onFinished">Called, one call at a time, as each run finishes (or is found finished).</param>
    /// <param name="cancellation">Stops the sweep: running runs checkpoint, no new one starts.</param>
    /// <param name="onIteration">Called after every iteration of every run, from the thread running it (so concurrently with <paramref name="jobs"/> &gt; 1): progress displays.</param>
    /// <param name="shard">
    /// Null for the whole sweep; else only that shard's runs, without the directory's lock (the shards of one sweep run
    /// side by side in it, each run held by its own lock) and without results or charts, which the whole sweep run
    /// afterwards writes, finding every run done.
    /// </param>
    /// <exception cref="RunException">The directory or a run in it is refused, in use or invalid, or a file cannot be written.</exception>
    public static SweepOutcome Run(string directory, SweepPlan plan, int jobs = 1, bool force = false, Action<SweepPoint, RunResult>? onFinished = null, CancellationToken cancellation = default, Action<SweepPoint, IterationMetrics>? onIteration = null, SweepShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        CheckOutput(directory, IsOutputFile, force);
        var points = plan.Points;
        var mine = Enumerable.Range(0, points.Count).Where(i => shard is null || shard.Owns(i)).ToArray();
        // Every run already there is checked first, so that a refused one costs no computation and changes nothing
        // (not even the sweep's lock files; each run is checked again as it opens).
        foreach (int i in mine)
            CheckRun(Path.Combine(directory, points[i].Name), points[i].Config, plan.Games[points[i].Game], force);
        using var held = shard is null ? RunDirectoryLock.Acquire(directory) : null;
        string specPath = Path.Combine(directory, SpecFile);
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.WriteAllText(specPath, plan.Spec.ToJson());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"{specPath}: {e.Message.Split('\n')[0]}", e);
        }
        var results = new RunResult?[points.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var gate = new object();
        Exception? failure = null;
        var order = Partitioner.Create(mine, EnumerablePartitionerOptions.NoBuffering);
        // J runs at a time share the cores: each run's kernels get their share, so that J × threads stays at the cores.
        using var share = ComputeThreads.Share(jobs);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            if (stop.IsCancellationRequested)
                return;
            var p = points[i];
            try
            {
                var run = OpenRun(Path.Combine(directory, p.Name), p.Config, plan.Games[p.Game], force);
                // Only the final metrics are kept: a sweep of many long runs cannot hold every run's sampled curves.
                var result = run.Run(onIteration is null ? null : m => onIteration(p, m), stop.Token) with { Iterations = [], DualityGapLast = [], DualityGapAverage = [] };
                lock (gate)
                {
                    results[i] = result;
                    onFinished?.Invoke(p, result);
                }
            }
            catch (OperationCanceledException)
            {
                // The run checkpointed; it continues when the sweep is run again.
            }
            catch (Exception e)
            {
                lock (gate)
                    failure ??= e;
                // The other runs checkpoint and stop, so that the sweep ends soon with everything resumable.
                stop.Cancel();
            }
        });
        if (shard is null && results.Any(r => r is not null))
            WriteResults(directory, plan, results);
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
        return new SweepOutcome(results, cancellation.IsCancellationRequested);
    }

    /// <summary>
    /// The run for <paramref name="config"/> in <paramref name="directory"/>: a new one when the directory has no run
    /// (or <paramref name="force"/>), else the run there, resumed — at its end if it finished, so that running it only
    /// reads its result back. A run there with other settings is refused.
    /// </summary>
    /// <exception cref="RunException">The directory holds a run with other settings, or other files, is in use, or its files are invalid.</exception>
    public static SelfPlayRun OpenRun(string directory, RunConfig config, TabularGame game, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(game);
        if (force || !File.Exists(Path.Combine(directory, RunFiles.Config)))
            return SelfPlayRun.Create(directory, config, game, force);
        var run = SelfPlayRun.Resume(directory, Loader(directory, config, game));
        try
        {
            EnsureSame(directory, run.Config, config, game);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks, without running or changing anything, that <see cref="OpenRun"/> would take <paramref name="directory"/>:
    /// it is not in use, and holds nothing, or a valid run of <paramref name="config"/> (or anything, with <paramref name="force"/>).
    /// </summary>
    /// <exception cref="RunException">It would be refused; the message says why.</exception>
    public static void CheckRun(string directory, RunConfig config, TabularGame game, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        if (RunDirectoryLock.HeldElsewhere(directory) is { } inUse)
            throw inUse;
        if (force)
            return;
        if (File.Exists(Path.Combine(directory, RunFiles.Config)))
        {
            using var run = SelfPlayRun.Resume(directory, Loader(directory, config, game));
            EnsureSame(directory, run.Config, config, game);
        }
        else if (!SelfPlayRun.IsFreeForNewRun(directory))
            throw new RunException($"{directory}: holds files but no run; remove them", RunRemedy.Force);
    }

    /// <summary>
    /// Checks that <paramref name="directory"/> can take a sweep's or comparison's output: it is not a file, not in
    /// use, and — unless <paramref name="force"/> — holds only lock files, the command's own files (by
    /// <paramref name="isOutputFile"/>, with their temporaries) and run directories.
    /// </summary>
    /// <exception cref="RunException">It cannot; the message names the first entry at fault.</exception>
    public static void CheckOutput(string directory, Func<string, bool> isOutputFile, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(isOutputFile);
        if (directory.Length == 0)
            throw new RunException("the output directory path is empty");
        if (File.Exists(directory))
            throw new RunException($"{directory}: is a file, not a directory");
        if (!Directory.Exists(directory))
            return;
        if (RunDirectoryLock.HeldElsewhere(directory) is { } inUse)
            throw inUse;
        if (force)
            return;
        foreach (string entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(entry);
            bool own = Directory.Exists(entry)
                ? File.Exists(Path.Combine(entry, RunFiles.Config)) || SelfPlayRun.IsFreeForNewRun(entry)
                : RunDirectoryLock.IsLockFile(name) || isOutputFile(name) || IsTemporaryOf(name, isOutputFile);
            if (!own)
                throw new RunException($"{directory}: holds '{name}', which is neither a run nor an output of this command", RunRemedy.Force);
        }
    }

    /// <summary>Whether <paramref name="name"/> is a file a sweep writes into its directory.</summary>
    public static bool IsOutputFile(string name) =>
        name is ResultsFile or SummaryFile or SpecFile || name.StartsWith(ChartPrefix, StringComparison.Ordinal) && (name.EndsWith(".svg", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal));

    /// <summary>An atomic write's temporary file (<c>.name.*.tmp</c>) of one of the command's files.</summary>
    private static bool IsTemporaryOf(string name, Func<string, bool> isOutputFile)
    {
        if (!name.StartsWith('.') || !name.EndsWith(".tmp", StringComparison.Ordinal))
            return false;
        int dot = name.IndexOf('.', 1);
        // Output names hold dots (results.csv), so every prefix up to a dot is tried.
        for (; dot > 0; dot = name.IndexOf('.', dot + 1))
            if (isOutputFile(name[1..dot]))
                return true;
        return false;
    }

    /// <summary>
    /// The game of a run found in a sweep's or comparison's directory: the one wanted, or a refusal — the run is not
    /// this one's, and its game (which may be a judge command someone else recorded) is never loaded.
    /// </summary>
    private static Func<string, TabularGame> Loader(string directory, RunConfig config, TabularGame game) =>
        spec => spec == config.Game ? game
            : throw new RunException($"{directory}: holds a run of another game ('{spec}', not '{config.Game}'); remove it to start it afresh", RunRemedy.Force);

    /// <summary>
    /// Refuses a run whose recorded config differs from <paramref name="wanted"/>. The wanted config is first resolved
    /// as a new run records it (a tuned η as its value) and written and read back as <c>config.json</c> is, so that the
    /// comparison sees values exactly as a resumed run has them; the machine's runtime facts are not settings.
    /// </summary>
    private static void EnsureSame(string directory, RunConfig have, RunConfig wanted, TabularGame game)
    {
        var normalised = RunConfigJson.Parse(Encoding.UTF8.GetBytes(RunConfigJson.Serialize(SelfPlayRun.Resolve(wanted, game), game)), directory).Config;
        var differences = Differences(have, normalised).ToArray();
        if (differences.Length == 0)
            return;
        throw new RunException($"{directory}: holds a run with other settings ({string.Join(", ", differences)}); remove it to start it afresh", RunRemedy.Force);
    }

    private static IEnumerable<string> Differences(RunConfig have, RunConfig want)
    {
        (string Name, object? Have, object? Want)[] top =
        [
            ("game", have.Game, want.Game), ("algorithm", have.Algorithm, want.Algorithm), ("iterations", have.Iterations, want.Iterations),
            ("seed", have.Seed, want.Seed), ("checkpoint_seconds", have.CheckpointSeconds, want.CheckpointSeconds),
            ("log_every", have.LogEvery, want.LogEvery),
        ];
        var options = OptionFields.Of(typeof(SelfPlayOptions)).Select(f => (f.Name, f.GetValue(have.Shared), f.GetValue(want.Shared)));
        if (have.AlgorithmOptions is { } h && want.AlgorithmOptions is { } w && h.GetType() == w.GetType())
            options = options.Concat(OptionFields.Of(h.GetType()).Select(f => (f.Name, f.GetValue(h), f.GetValue(w))));
        foreach (var (name, x, y) in top.Concat(options))
        {
            string? a = OptionField.Format(x), b = OptionField.Format(y);
            if (a != b)
                yield return $"{name} {a ?? "default"}, not {b ?? "default"}";
        }
    }

    /// <summary>A grid option's values, parsed by every options record that has the option and written back in one form.</summary>
    private static string[] Canonical(SweepParameter parameter, Func<string, RunException> error)
    {
        var fields = AllRecords().SelectMany(OptionFields.Of).Where(f => f.Name == parameter.Name).ToArray();
        if (fields.Length == 0)
            throw error($"grid: unknown option '{parameter.Name}' (known: {string.Join(", ", AllRecords().SelectMany(OptionFields.Of).Select(f => f.Name).Distinct())})");
        if (parameter.Values.Count == 0)
            throw error($"grid: option '{parameter.Key}' has no values (give at least one)");
        var canonical = new List<string>();
        foreach (string text in parameter.Values)
        {
            string? formatted = null;
            foreach (var field in fields)
            {
                try
                {
                    formatted ??= OptionField.Format(field.Parse(text));
                }
                catch (FormatException e)
                {
                    throw error($"grid: {e.Message}");
                }
            }
            string value = formatted ?? text;
            if (canonical.Contains(value))
                throw error($"grid: option '{parameter.Key}' has the value {value} twice");
            canonical.Add(value);
        }
        return canonical.ToArray();
    }

    private static IEnumerable<Type> AllRecords() =>
        new[] { typeof(SelfPlayOptions) }
            .Concat(AlgorithmCatalog.All.Concat(AlgorithmCatalog.RegisteredVariants.Select(v => v.Descriptor)).Select(d => d.OptionsType).OfType<Type>())
            .Distinct();

    /// <summary>Every combination of the grid's values, the first option varying slowest.</summary>
    private static IEnumerable<KeyValuePair<string, string>[]> Combinations(IReadOnlyList<SweepParameter> grid)
    {
        IEnumerable<KeyValuePair<string, string>[]> all = [[]];
        foreach (var p in grid)
            all = all.SelectMany(c => p.Values.Select(v => c.Append(new KeyValuePair<string, string>(p.Name, v)).ToArray())).ToArray();
        return all;
    }

    private static RunConfig Config(string game, string algorithm, KeyValuePair<string, string>[] values, int iterations, Func<string, RunException> error)
    {
        var typed = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var shared = (SelfPlayOptions)OptionFields.Create(typeof(SelfPlayOptions), typed);
        var descriptor = AlgorithmCatalog.For(algorithm, shared.Policy)!;
        var own = descriptor.OptionsType is null ? [] : OptionFields.Of(descriptor.OptionsType);
        var known = OptionFields.Of(typeof(SelfPlayOptions)).Concat(own).Select(f => f.Name).ToHashSet();
        foreach (var (name, _) in values)
            if (!known.Contains(name))
                throw error($"grid: algorithm {algorithm} has no option '{name}' (its options: {string.Join(", ", known)}); sweep it in a separate sweep");
        return new RunConfig
        {
            Game = game,
            Algorithm = algorithm,
            Iterations = iterations,
            Shared = shared,
            AlgorithmOptions = descriptor.OptionsType is null ? null : OptionFields.Create(descriptor.OptionsType, typed),
        };
    }

    /// <summary>A zoo spec, or a game file's name without its extension.</summary>
    private static string GameLabel(string game) => GameSource.IsFile(game) ? Path.GetFileNameWithoutExtension(game) : game;

    /// <summary><c>game-algorithm-option=value-…</c>, with characters other than letters, digits, <c>-</c>, <c>.</c> and <c>=</c> made <c>_</c>.</summary>
    private static string Label(string game, string algorithm, IEnumerable<KeyValuePair<string, string>> values)
    {
        var sb = new StringBuilder(Safe(game)).Append('-').Append(algorithm);
        foreach (var (name, value) in values)
            sb.Append('-').Append(name).Append('=').Append(Safe(value));
        return sb.ToString();
    }

    private static string Safe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '=' ? c : '_');
        return sb.ToString();
    }

    private static string? Repeated(IReadOnlyList<string> items) =>
        items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;

    /// <summary>
    /// Writes the results of the finished runs: per run a row with its seed (<see cref="ResultsFile"/>), and per grid
    /// point a row with seed <c>all</c>, the number of seeds, means and sample standard deviations, in the same columns
    /// (<see cref="SummaryFile"/>), so that neither file mixes runs and summaries; then one chart per numeric swept option.
    /// </summary>
    private static void WriteResults(string directory, SweepPlan plan, IReadOnlyList<RunResult?> results)
    {
        var columns = Columns(plan);
        var sb = new StringBuilder("game,algorithm,");
        foreach (string column in columns)
            sb.Append(Csv(column)).Append(',');
        sb.Append("seed,seeds,iterations,dg_last,dg_last_sd,dg_avg,dg_avg_sd,oracle_queries,dist_mw_avg,dist_mw_avg_sd,seconds\n");
        var summary = new StringBuilder(sb.ToString());
        var groups = plan.Points.Select((p, i) => (Point: p, Result: results[i]))
            .Where(x => x.Result?.Final is not null)
            .GroupBy(x => string.Join('\0', new[] { x.Point.Game, x.Point.Algorithm }.Concat(x.Point.Values.Select(v => v.Value))), StringComparer.Ordinal)
            .ToArray();
        var means = new List<(SweepPoint Point, double DgAvg, double Min, double Max)>();
        foreach (var group in groups)
        {
            var point = group.First().Point;
            // An option swept for other algorithms only is an empty cell.
            var cells = columns.Select(c => point.Values.FirstOrDefault(v => v.Key == c).Value ?? "");
            string prefix = string.Join(',', new[] { point.Game, point.Algorithm }.Concat(cells).Select(Csv));
            var finals = group.Select(x => (Final: x.Result!.Final!, x.Result!.Seconds)).ToArray();
            foreach (var (x, (final, seconds)) in group.Zip(finals))
                sb.Append(prefix).Append(Inv($",{x.Point.Seed},1,{final.Iteration},{final.DualityGapLast:R},,{final.DualityGapAverage:R},,{Optional(Extra(final, "oracle_queries"))},{Optional(Extra(final, "dist_mw_avg"))},,{seconds:R}\n"));
            var (lastMean, lastSd) = MeanSd(finals.Select(f => f.Final.DualityGapLast).ToArray());
            var (avgMean, avgSd) = MeanSd(finals.Select(f => f.Final.DualityGapAverage).ToArray());
            var queries = finals.Select(f => Extra(f.Final, "oracle_queries")).ToArray();
            var distances = finals.Select(f => Extra(f.Final, "dist_mw_avg")).ToArray();
            var (distMean, distSd) = distances.All(d => d is not null) ? MeanSd(distances.Select(d => d!.Value).ToArray()) : (double.NaN, double.NaN);
            string queriesMean = queries.All(q => q is not null) ? Optional(queries.Average(q => q!.Value)) : "";
            summary.Append(prefix).Append(Inv($",all,{finals.Length},{finals[0].Final.Iteration},{lastMean:R},{lastSd:R},{avgMean:R},{avgSd:R},{queriesMean},{Optional(distMean)},{Optional(distSd)},{finals.Average(f => f.Seconds):R}\n"));
            means.Add((point, avgMean, finals.Min(f => f.Final.DualityGapAverage), finals.Max(f => f.Final.DualityGapAverage)));
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ResultsFile), sb.ToString());
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFile), summary.ToString());
        WriteCharts(directory, plan, means);
    }

    /// <summary>
    /// Per numeric swept option with two or more values, mean final <c>dg_avg</c> against its value with the min–max
    /// band over seeds: one curve per game, algorithm and combination of the other swept options.
    /// </summary>
    private static void WriteCharts(string directory, SweepPlan plan, List<(SweepPoint Point, double DgAvg, double Min, double Max)> means)
    {
        bool severalGames = plan.Spec.Games.Count > 1;
        foreach (string option in Columns(plan))
        {
            var values = plan.Spec.Grid.Where(p => p.Name == option).SelectMany(p => p.Values).Distinct().ToArray();
            if (values.Length < 2 || !values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                continue;
            var series = means
                .Where(m => m.Point.Values.Any(v => v.Key == option))
                .GroupBy(m => string.Join(' ', (severalGames ? [m.Point.Game] : Array.Empty<string>()).Append(m.Point.Algorithm)
                    .Concat(m.Point.Values.Where(v => v.Key != option).Select(v => $"{v.Key}={v.Value}"))), StringComparer.Ordinal)
                .Select(g =>
                {
                    var xy = g.Select(m => (X: double.Parse(m.Point.Values.First(v => v.Key == option).Value, CultureInfo.InvariantCulture), Y: m.DgAvg, m.Min, m.Max))
                        .OrderBy(p => p.X).ToArray();
                    return new ChartSeries(g.Key, xy.Select(p => p.X).ToArray(), xy.Select(p => p.Y).ToArray())
                    {
                        Lower = xy.Select(p => p.Min).ToArray(),
                        Upper = xy.Select(p => p.Max).ToArray(),
                    };
                })
                .ToArray();
            string title = Inv($"final dg_avg against {option} (mean and min–max over seeds, T = {plan.Spec.Iterations})");
            AtomicFile.WriteAllText(Path.Combine(directory, $"{ChartPrefix}{option}.svg"), SvgLineChart.Render(title, option, "final duality gap of the average iterate (dg_avg)", series));
        }
    }

    /// <summary>The swept options as results columns: one per option name, in the grid's order.</summary>
    private static string[] Columns(SweepPlan plan) => plan.Spec.Grid.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToArray();

    private static double? Extra(IterationMetrics m, string key) =>
        m.Extra.Where(e => e.Key == key).Select(e => (double?)e.Value).FirstOrDefault();

    private static string Optional(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (zoo specs hold commas).</summary>
    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (double Mean, double Sd) MeanSd(double[] v)
    {
        double mean = v.Average();
        double sd = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return (mean, sd);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
