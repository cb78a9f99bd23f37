using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Oracles;
using Rebel.Preference.Policies;
using Rebel.Runs.Json;
using Rebel.Runs.Charts;

namespace Rebel.Runs;

/// <summary>
/// A self-play run bound to its run directory (DESIGN §3): <c>config.json</c>, <c>metrics.jsonl</c>,
/// <c>checkpoint.json</c>, <c>plot.svg</c> (and <c>simplex.svg</c> for a three-response game) and, at the end, <c>policy.json</c>. The run holds the directory's
/// <see cref="RunDirectoryLock"/> from creation until <see cref="Run"/> returns (or <see cref="Dispose"/>), so two
/// processes never write one directory. Metrics are appended as iterations finish and flushed with each checkpoint,
/// which records the byte length of <c>metrics.jsonl</c> it matches; a killed run may leave bytes past that length,
/// and <see cref="Resume"/> cuts them off and continues to the same bytes as an uninterrupted run (except
/// <c>seconds</c>). Checkpoints and resumes take time and memory independent of the run's length: the plot's
/// points are a bounded sample kept in the checkpoint, and a resume reads only the last metrics line.
/// </summary>
public sealed class SelfPlayRun : IDisposable
{
    /// <summary>The checkpoint format this version reads and writes.</summary>
    public const string CheckpointFormat = "rebel-checkpoint/2";

    /// <summary>The longest metrics line a resume reads back (lines hold a dozen numbers).</summary>
    private const int MaxMetricsLine = 1 << 16;

    private readonly RunDirectoryLock _lock;
    private readonly FileStream _metrics;
    private string _configHash;
    // A judge process the run's learner asks (stopped with the run).
    private IDisposable? _judge;
    private string? _nextConfigHash;
    private PlotSeries _plot;
    private readonly Func<double[]> _simplexPoint;
    private double _secondsBefore;
    private IterationMetrics? _last;
    private bool _closed;

    private SelfPlayRun(string directory, RunConfig config, TabularGame game, ISelfPlayAlgorithm algorithm, RunDirectoryLock directoryLock, string configHash)
    {
        Directory = directory;
        Config = config;
        Game = game;
        Algorithm = algorithm;
        _lock = directoryLock;
        _configHash = configHash;
        _plot = new PlotSeries(RunPlot.HasSimplex(game));
        // One delegate for the run: Record runs every iteration and should not allocate one each time.
        _simplexPoint = () => RunPlot.SimplexPoint(Algorithm);
        string metricsPath = Path.Combine(directory, RunFiles.Metrics);
        _metrics = Io(metricsPath, () => LinkFreeFile.Open(metricsPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16));
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>The run's definition.</summary>
    public RunConfig Config { get; private set; }

    /// <summary>The game.</summary>
    public TabularGame Game { get; }

    /// <summary>The algorithm, at the run's current iteration.</summary>
    public ISelfPlayAlgorithm Algorithm { get; }

    /// <summary>Whether all <see cref="RunConfig.Iterations"/> are done.</summary>
    public bool IsComplete => Algorithm.Iteration >= Config.Iterations;

    /// <summary>
    /// Starts a new run in <paramref name="directory"/>: takes its lock, writes its config and an iteration-0
    /// checkpoint. An existing directory is refused while another process holds it (even with
    /// <paramref name="force"/>), and when it holds anything but a run that never reached its first checkpoint unless
    /// <paramref name="force"/>; even then nothing is deleted, the run's files are replaced.
    /// </summary>
    /// <exception cref="RunException">The directory is in use or not empty, cannot be written, or the config is invalid.</exception>
    public static SelfPlayRun Create(string directory, RunConfig config, TabularGame game, bool force = false) =>
        CreateRun(directory, config, game, force, oracle: null);

    /// <summary><see cref="Create(string, RunConfig, TabularGame, bool)"/> with the library oracle of <see cref="RunConfig.Oracle"/> (null for none).</summary>
    internal static SelfPlayRun CreateRun(string directory, RunConfig config, TabularGame game, bool force, IPreferenceOracle? oracle)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(game);
        RunConfigJson.Check(config, "run config");
        var (algorithm, setup) = NewAlgorithm(config, game, oracle: oracle);
        config = Resolved(config, setup);
        // Checked before the lock too, so that a refused directory is left exactly as it was.
        CheckNewRunDirectory(directory, force);
        var directoryLock = RunDirectoryLock.Acquire(directory);
        SelfPlayRun? run = null;
        try
        {
            if (!force && !IsFreeForNewRun(directory))
                throw NotEmpty(directory);
            string configText = RunConfigJson.Serialize(config, game);
            string configPath = Path.Combine(directory, RunFiles.Config);
            Io(configPath, () => AtomicFile.WriteAllText(configPath, configText));
            RemoveStaleTemporaries(directory);
            run = new SelfPlayRun(directory, config, game, algorithm, directoryLock, Hash(configText)) { _judge = RunsOracle(setup, oracle) };
            run.StartAtZero();
            return run;
        }
        catch
        {
            Release(run, directoryLock);
            throw;
        }
    }

    /// <summary>
    /// Checks, writing nothing, that <see cref="Create"/> would take <paramref name="directory"/>, so that a caller can
    /// refuse it before loading a game (which may start a judge).
    /// </summary>
    /// <exception cref="RunException">The path is empty or a file, the directory is in use, or (unless <paramref name="force"/>) it holds a run or other files.</exception>
    public static void CheckNewRunDirectory(string directory, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.Length == 0)
            throw new RunException("the run directory path is empty");
        if (File.Exists(directory))
            throw new RunException($"{directory}: is a file, not a directory");
        if (RunDirectoryLock.HeldElsewhere(directory) is { } inUse)
            throw inUse;
        if (!force && !IsFreeForNewRun(directory))
            throw NotEmpty(directory);
    }

    /// <summary>Checkpoints iteration 0 and empties the metrics; bytes of an earlier run are cut only after the checkpoint says none count.</summary>
    private void StartAtZero()
    {
        Checkpoint(0);
        Io(() => _metrics.SetLength(0));
    }

    /// <summary>On a failed open: disposes the run if it was built, else the lock it would have held.</summary>
    private static void Release(SelfPlayRun? run, RunDirectoryLock directoryLock)
    {
        if (run is null)
            directoryLock.Dispose();
        else
            run.Dispose();
    }

    /// <summary>
    /// Reopens the run in <paramref name="directory"/> at its last checkpoint, or at iteration 0 when it was killed
    /// before its first one. Everything loaded is validated: formats, the game's hash, algorithm and option names,
    /// every number finite and in range, and the iteration agreeing between config, checkpoint and metrics.
    /// </summary>
    /// <param name="directory">A directory written by <see cref="Create"/>.</param>
    /// <param name="loadGame">Loads the game from its recorded spec or path (default <see cref="GameSource.Load(string)"/>, which refuses judges).</param>
    /// <exception cref="RunException">Not a run directory, in use by another process, or a file in it is invalid (the message names the file) or the game changed.</exception>
    public static SelfPlayRun Resume(string directory, Func<string, TabularGame>? loadGame = null) => ResumeRun(directory, loadGame, oracle: null);

    /// <summary>
    /// <see cref="Resume(string, Func{string, TabularGame}?)"/> of a run of the library oracle <paramref name="oracle"/>
    /// (null for a run of a game spec or file), which must declare the identity the run recorded.
    /// </summary>
    internal static SelfPlayRun ResumeRun(string directory, Func<string, TabularGame>? loadGame, LibraryOracle? oracle)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.Length == 0)
            throw new RunException("the run directory path is empty");
        string configPath = Path.Combine(directory, RunFiles.Config);
        string checkpointPath = Path.Combine(directory, RunFiles.Checkpoint);
        if (!File.Exists(configPath))
            throw new RunException($"{directory}: not a run directory (no {RunFiles.Config})");
        // Everything the config decides is checked before the lock is taken, so that a refused resume (a judge
        // without consent, a changed game, a bad option) writes nothing; the probe comes first, so that nothing
        // starts for a directory another process holds.
        if (RunDirectoryLock.HeldElsewhere(directory) is { } inUse)
            throw inUse;
        var configBytes = Io(configPath, () => BoundedFile.ReadAllBytes(configPath, RunConfigJson.MaxBytes));
        var (config, game) = LoadGame(configBytes, configPath, loadGame, oracle?.Identity);
        var (algorithm, setup) = NewAlgorithm(config, game, configPath, oracle?.Oracle);
        var directoryLock = RunDirectoryLock.Acquire(directory);
        SelfPlayRun? run = null;
        try
        {
            if (!Io(configPath, () => BoundedFile.ReadAllBytes(configPath, RunConfigJson.MaxBytes)).AsSpan().SequenceEqual(configBytes))
                throw new RunException($"{configPath}: changed while the run was being resumed; resume again");
            run = new SelfPlayRun(directory, config, game, algorithm, directoryLock, Hash(configBytes)) { _judge = RunsOracle(setup, oracle?.Oracle) };
            RemoveStaleTemporaries(directory);
            if (File.Exists(checkpointPath))
                run.Restore(checkpointPath);
            else
                run.StartAtZero(); // killed between config.json and the first checkpoint: nothing ran yet
            return run;
        }
        catch
        {
            Release(run, directoryLock);
            throw;
        }
    }

    /// <summary>
    /// Runs the remaining iterations, checkpointing every <see cref="RunConfig.CheckpointSeconds"/> and at the end,
    /// then writes the final policy and releases the directory. On cancellation it checkpoints first, so the run can
    /// be resumed, and releases the directory too. A run can be run once.
    /// </summary>
    /// <param name="onIteration">Called after every iteration (progress display).</param>
    /// <param name="cancellation">Stops the run after the current iteration.</param>
    /// <exception cref="OperationCanceledException">Cancelled; the checkpoint is written.</exception>
    /// <exception cref="RunException">A file cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The run was already run or disposed.</exception>
    public RunResult Run(Action<IterationMetrics>? onIteration = null, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        // A wait on a judge ends with the cancellation too (the iteration it interrupts is not checkpointed: the run
        // resumes from the last checkpoint, as after a kill).
        if (_judge is JudgeOracle judge)
            judge.Cancellation = cancellation;
        try
        {
            var clock = Stopwatch.StartNew();
            double lastCheckpoint = 0;
            // A run resumed complete (a finished run met again by a sweep or compare) adds no time, so its files are rewritten unchanged.
            bool wasComplete = IsComplete;
            while (!IsComplete)
            {
                if (cancellation.IsCancellationRequested)
                {
                    Checkpoint(_secondsBefore + clock.Elapsed.TotalSeconds);
                    cancellation.ThrowIfCancellationRequested();
                }
                // Only the iterations written are evaluated (a learner that needs P π evaluates every one anyway).
                int t = Algorithm.Iteration + 1;
                var m = Algorithm.Step(evaluate: t % Config.LogEvery == 0 || t == Config.Iterations);
                double seconds = _secondsBefore + clock.Elapsed.TotalSeconds;
                Record(m, seconds);
                onIteration?.Invoke(m);
                if (clock.Elapsed.TotalSeconds - lastCheckpoint >= Config.CheckpointSeconds)
                {
                    Checkpoint(seconds);
                    lastCheckpoint = clock.Elapsed.TotalSeconds;
                }
            }
            double total = _last is null || wasComplete ? _secondsBefore : _secondsBefore + clock.Elapsed.TotalSeconds;
            Checkpoint(total);
            string policyPath = Path.Combine(Directory, RunFiles.Policy);
            Io(policyPath, () => AtomicFile.WriteAllText(policyPath, PolicyJson.Serialize(Game, Algorithm)));
            if (Algorithm is IWeightsExport weights)
                Io(Path.Combine(Directory, RunFiles.Weights), () => weights.ExportWeights(Directory));
            _secondsBefore = total;
            var (x, dgLast, dgAverage) = _plot.Points();
            return new RunResult(Directory, _last, x, dgLast, dgAverage, total);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>
    /// Raises the horizon of the run in <paramref name="directory"/> (finished or not) to <paramref name="iterations"/>,
    /// keeping every other setting: η was recorded as the value it resolved to, so the continuation takes the same
    /// steps a longer run with that η would. Resume it afterwards to run the new iterations. In two phases, so that a
    /// crash at any point leaves a resumable run: the checkpoint first names the next config, then the config is replaced.
    /// </summary>
    /// <exception cref="RunException">Not a resumable run, in use, or <paramref name="iterations"/> not above its horizon.</exception>
    public static void Extend(string directory, int iterations, Func<string, TabularGame>? loadGame = null) => ExtendRun(directory, iterations, loadGame, oracle: null);

    /// <summary><see cref="Extend(string, int, Func{string, TabularGame}?)"/> of a run of a library oracle (null for none).</summary>
    internal static void ExtendRun(string directory, int iterations, Func<string, TabularGame>? loadGame, LibraryOracle? oracle)
    {
        using var run = ResumeRun(directory, loadGame, oracle);
        if (iterations <= run.Config.Iterations)
            throw new RunException(Inv($"{directory}: {iterations} iterations do not extend the run, which already has {run.Config.Iterations}"));
        var extended = run.Config with { Iterations = iterations };
        string text = RunConfigJson.Serialize(extended, run.Game);
        run._nextConfigHash = Hash(text);
        run.Checkpoint(run._secondsBefore);
        string configPath = Path.Combine(directory, RunFiles.Config);
        Io(configPath, () => AtomicFile.WriteAllText(configPath, text));
        (run.Config, run._configHash, run._nextConfigHash) = (extended, Hash(text), null);
        run.Checkpoint(run._secondsBefore);
    }

    /// <summary>Releases the directory without running; what was checkpointed stays resumable.</summary>
    public void Dispose()
    {
        if (_closed)
            return;
        _closed = true;
        _judge?.Dispose();
        _metrics.Dispose();
        _lock.Dispose();
    }

    /// <summary>Checks that <paramref name="config"/> can run on <paramref name="game"/> (known algorithm, valid options) without writing anything.</summary>
    /// <exception cref="RunException">The configuration is invalid; the message names the option.</exception>
    public static void Validate(RunConfig config, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(config);
        RunConfigJson.Check(config, "run config");
        _ = NewAlgorithm(config, game);
    }

    /// <summary>What the run stops with it: a judge process it started, never an oracle its caller holds.</summary>
    private static IDisposable? RunsOracle(AlgorithmSetup setup, IPreferenceOracle? callersOracle) =>
        callersOracle is null ? setup.Oracle as IDisposable : null;

    /// <summary>
    /// The oracle queries one iteration of <paramref name="config"/>'s algorithm asks (constant for every sampled
    /// algorithm: K(K−1)/2 pairs, or the query budget, per context and draw), measured by running its first iteration;
    /// null when it asks none (an exact algorithm). <c>rebel compare --queries</c> sizes each run's horizon by it.
    /// </summary>
    /// <exception cref="RunException">The config is invalid.</exception>
    public static long? QueriesPerIteration(RunConfig config, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(config);
        RunConfigJson.Check(config, "run config");
        var (algorithm, setup) = NewAlgorithm(config, game);
        try
        {
            var queries = algorithm.Step().Extra.Where(e => e.Key == "oracle_queries").Select(e => (long?)e.Value).FirstOrDefault();
            return queries is > 0 ? queries : null;
        }
        finally
        {
            (algorithm as IDisposable)?.Dispose();
            (setup.Oracle as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Reads a run's <c>config.json</c> (of this run or another) to re-create that run elsewhere with
    /// <see cref="Create"/>: the same game, algorithm, options, seed and horizon give the same metrics.
    /// </summary>
    /// <param name="configPath">A <c>config.json</c>.</param>
    /// <param name="loadGame">Loads the recorded game spec or path (default <see cref="GameSource.Load(string)"/>, which refuses judges).</param>
    /// <exception cref="RunException">The file is not a valid run config, or the game it names differs from the one it was written with.</exception>
    public static (RunConfig Config, TabularGame Game) ReadConfig(string configPath, Func<string, TabularGame>? loadGame = null)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        if (!File.Exists(configPath))
            throw new RunException($"{configPath}: no such run config");
        var (config, game) = LoadGame(Io(configPath, () => BoundedFile.ReadAllBytes(configPath, RunConfigJson.MaxBytes)), configPath, loadGame, identity: null);
        _ = NewAlgorithm(config, game, configPath);
        return (config, game);
    }

    /// <summary>
    /// Parses a config and loads its game, which must hash as recorded; a judge the loader refuses is reported as
    /// recorded in <paramref name="configPath"/>.
    /// </summary>
    private static (RunConfig Config, TabularGame Game) LoadGame(byte[] configBytes, string configPath, Func<string, TabularGame>? loadGame, OracleIdentity? identity)
    {
        var (config, hash) = RunConfigJson.Parse(configBytes, configPath);
        // A library oracle exists only in its caller's process: only that caller, declaring the same identity, resumes the run.
        if (config.Oracle is { } recorded && identity is null)
            throw new RunException($"{configPath}: the run asks the library oracle {recorded}: resume it from the program that holds that oracle (RunBuilder.Resume)");
        if (identity is not null && config.Oracle != identity)
            throw new RunException(config.Oracle is { } other
                ? $"{configPath}: the run was made with the oracle {other}, not {identity}"
                : $"{configPath}: the run plays the game '{config.Game}', not the oracle {identity}");
        TabularGame game;
        try
        {
            game = (loadGame ?? GameSource.Load)(config.Game);
        }
        catch (JudgeConsentException e)
        {
            throw e.From(configPath);
        }
        if (RunConfigJson.GameHash(game) != hash)
            throw new RunException($"{configPath}: the game '{config.Game}' differs from the one the run started with (game_sha256)");
        return (config, game);
    }

    /// <summary>
    /// Whether <paramref name="directory"/> can take a new run without <c>--force</c>: it does not exist, is empty, or
    /// holds only the files of a run killed before its first checkpoint (config, lock and temporary files).
    /// </summary>
    public static bool IsFreeForNewRun(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
            return true;
        string[] runFiles = [RunFiles.Config, RunFiles.Metrics, RunFiles.Plot, RunFiles.Simplex];
        return System.IO.Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).All(name =>
            RunDirectoryLock.IsLockFile(name!) || runFiles.Contains(name) && (name != RunFiles.Metrics || new FileInfo(Path.Combine(directory, name)).Length == 0)
            || runFiles.Concat([RunFiles.Checkpoint, RunFiles.Policy, RunFiles.Weights, RunFiles.WeightsConfig]).Any(f => name!.StartsWith($".{f}.", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal)));
    }

    /// <summary>The refusal of a directory that is not free: in use by another process (naming it), or holding a run or other files.</summary>
    private static RunException NotEmpty(string directory) =>
        RunDirectoryLock.HeldElsewhere(directory)
        ?? new RunException($"{directory}: already exists and holds a run or other files", RunRemedy.Resume | RunRemedy.Force);

    /// <summary>
    /// <paramref name="config"/> as a new run records it: defaults as the values they resolved to (a tuned η, a
    /// device), so that config.json re-creates the run exactly and an extended run (--resume -T N) keeps its step size.
    /// </summary>
    /// <exception cref="RunException">The configuration is invalid; the message names the option.</exception>
    public static RunConfig Resolve(RunConfig config, TabularGame game) => ResolveRun(config, game, oracle: null);

    /// <summary><see cref="Resolve(RunConfig, TabularGame)"/> of a run of a library oracle (null for none).</summary>
    internal static RunConfig ResolveRun(RunConfig config, TabularGame game, IPreferenceOracle? oracle)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Resolved(config, NewAlgorithm(config, game, oracle: oracle).Setup);
    }

    private static RunConfig Resolved(RunConfig config, AlgorithmSetup setup) =>
        config with { Shared = setup.ResolvedShared, AlgorithmOptions = setup.ResolvedOptions, Runtime = setup.Runtime };

    /// <summary>The reference policy of <paramref name="path"/>, or null for none; a file it cannot use is the run's error.</summary>
    private static TabularPolicy? ReadReference(string? path, TabularGame game)
    {
        try
        {
            return path is null ? null : ReferencePolicy.Load(path, game);
        }
        catch (InvalidDataException e)
        {
            throw new RunException(e.Message, e.InnerException ?? e);
        }
    }

    /// <summary>The run's algorithm, and its setup with the values its defaults resolved to.</summary>
    private static (ISelfPlayAlgorithm Algorithm, AlgorithmSetup Setup) NewAlgorithm(RunConfig config, TabularGame game, string? configPath = null, IPreferenceOracle? oracle = null)
    {
        if ((config.Oracle is null) != (oracle is null))
            throw new RunException(config.Oracle is null
                ? "run config: an oracle is given, but Oracle (its identity) is not set"
                : $"run config: Oracle is {config.Oracle}, but no oracle is given: build the run with RunBuilder");
        // A new run's rejection already names its option (and the algorithm where it matters); a resumed run's names the file too.
        string where = configPath is null ? "" : $"{configPath}: {config.Algorithm}: ";
        var descriptor = AlgorithmCatalog.For(config.Algorithm, config.Shared.Policy)
            ?? throw new RunException($"{(configPath is null ? "" : configPath + ": ")}unknown algorithm '{config.Algorithm}' (known: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))})");
        try
        {
            var setup = new AlgorithmSetup(game, config.Iterations, config.Seed, config.Shared, config.AlgorithmOptions) { Reference = ReadReference(config.Shared.Reference, game) };
            // A library oracle or a judge game's learner asks the oracle itself; the matrix in `game` serves only the
            // evaluation. A judge of generated responses is asked with the texts the neural learner generates (GeneratedText).
            if (oracle is not null)
                setup = setup with { Oracle = oracle };
            else if (game.Judge is { Generated: false } judge)
            {
                setup = setup with { Oracle = new JudgeOracle(judge) };
                // The queries that built the evaluation's matrix, asked apart from the learner's (see docs/judge-protocol.md).
                if (judge.IsEnumerable)
                    setup.RecordRuntime("eval_queries", judge.EvalQueries.ToString(CultureInfo.InvariantCulture));
            }
            var algorithm = descriptor.Instantiate(setup);
            if (!setup.Oracle.Enumerable && !algorithm.LearnsFromSamples)
                throw new RunException($"{where}{config.Algorithm} needs the full preference matrix (to learn from, or for dg_reg), which the judge does not enumerate "
                    + "(it answers outcomes, or its matrix exceeds its evaluation budget): choose an algorithm that samples, e.g. rebel");
            return (algorithm, setup);
        }
        catch (OptionException e)
        {
            // The option keeps its structure, so that the CLI can name its flag.
            throw new RunException(where, e);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // Other refusals of the game or the combination (e.g. a game without features for a log-linear policy).
            string message = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
            throw new RunException($"{where}{message.Split('\n')[0]}", e);
        }
    }

    private void Record(IterationMetrics m, double seconds)
    {
        if (m.Iteration % Config.LogEvery == 0 || m.Iteration == Config.Iterations)
            MetricsJson.WriteLine(_metrics, m, seconds);
        _plot.Add(m, _simplexPoint);
        _last = m;
    }

    /// <summary>Flushes the appended metrics to disk, then writes the checkpoint that records their length, then the figures.</summary>
    private void Checkpoint(double seconds)
    {
        string checkpointPath = Path.Combine(Directory, RunFiles.Checkpoint);
        Io(() => _metrics.Flush(flushToDisk: true));
        long bytes = _metrics.Position;
        Io(checkpointPath, () => AtomicFile.Write(checkpointPath, s =>
        {
            using var w = new Utf8JsonWriter(s);
            w.WriteStartObject();
            w.WriteString("format", CheckpointFormat);
            w.WriteString("config_sha256", _configHash);
            if (_nextConfigHash is not null)
                w.WriteString("next_config_sha256", _nextConfigHash);
            w.WriteNumber("iteration", Algorithm.Iteration);
            w.WriteNumber("metrics_bytes", bytes);
            w.WriteNumber("seconds", seconds);
            w.WritePropertyName("plot");
            _plot.Write(w);
            w.WritePropertyName("state");
            Algorithm.SaveState(w);
            w.WriteEndObject();
        }));
        foreach (var (file, svg) in RunPlot.Render(this, _plot))
        {
            string path = Path.Combine(Directory, file);
            Io(path, () => AtomicFile.WriteAllText(path, svg));
        }
    }

    private void Restore(string checkpointPath)
    {
        string metricsPath = Path.Combine(Directory, RunFiles.Metrics);
        var bytes = Io(checkpointPath, () => BoundedFile.ReadAllBytes(checkpointPath, BoundedFile.LimitFor(BoundedFile.MaxBytes)));
        using var doc = Checked(checkpointPath, () => JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false }));
        var (iteration, metricsBytes, plot) = Checked(checkpointPath, () =>
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("not a JSON object");
            string? format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format != CheckpointFormat)
                throw new FormatException($"format is '{format}', not '{CheckpointFormat}' (a checkpoint of another rebel version, or not a checkpoint)");
            // An extension in progress names the config that replaces the current one; either belongs to this run.
            if (root.GetProperty("config_sha256").GetString() != _configHash
                && !(root.TryGetProperty("next_config_sha256", out var next) && next.GetString() == _configHash))
                throw new FormatException($"it belongs to another run ({RunFiles.Config} is not the one it was written with)");
            int iteration = root.GetProperty("iteration").GetInt32();
            if (iteration < 0 || iteration > Config.Iterations)
                throw new FormatException(Inv($"iteration = {iteration} is outside [0, {Config.Iterations}] (the iterations of {RunFiles.Config})"));
            long metricsBytes = root.GetProperty("metrics_bytes").GetInt64();
            // No line before the first iteration; one at least once log_every iterations have run.
            if (metricsBytes < 0 || (iteration == 0 && metricsBytes != 0) || (iteration >= Config.LogEvery && metricsBytes == 0))
                throw new FormatException(Inv($"metrics_bytes = {metricsBytes} does not fit iteration {iteration}"));
            double seconds = root.GetProperty("seconds").GetDouble();
            if (!(seconds >= 0) || double.IsInfinity(seconds))
                throw new FormatException(Inv($"seconds = {seconds} is not a finite non-negative number"));
            _secondsBefore = seconds;
            var state = root.GetProperty("state");
            EnsureNoNaN(state, "state");
            Algorithm.LoadState(state);
            if (Algorithm.Iteration != iteration)
                throw new FormatException(Inv($"the algorithm state is at iteration {Algorithm.Iteration}, the checkpoint at {iteration}"));
            EnsureProbabilities("state: current policy", () => Algorithm.Current);
            // The average iterate exists from the first iteration on.
            if (iteration > 0)
                EnsureProbabilities("state: average policy", () => Algorithm.Average);
            return (iteration, metricsBytes, root.GetProperty("plot"));
        });
        _last = LastMetrics(metricsPath, metricsBytes, iteration);
        Checked(checkpointPath, () => _plot = PlotSeries.Read(plot, iteration, _last));
        // Lines past the checkpoint were written after it by a run that was then killed; the resumed run rewrites them.
        Io(metricsPath, () =>
        {
            _metrics.SetLength(metricsBytes);
            _metrics.Position = metricsBytes;
        });
    }

    /// <summary>The metrics line that ends at byte <paramref name="length"/>, read without reading the rest of the file.</summary>
    private IterationMetrics? LastMetrics(string path, long length, int iteration)
    {
        if (length == 0)
            return null;
        if (_metrics.Length < length)
            throw new RunException(Inv($"{path}: {_metrics.Length} bytes, shorter than the {length} that {RunFiles.Checkpoint} records (the file was cut or replaced)"));
        int window = (int)Math.Min(length, MaxMetricsLine);
        var tail = new byte[window];
        Io(path, () =>
        {
            _metrics.Position = length - window;
            _metrics.ReadExactly(tail);
        });
        if (tail[^1] != (byte)'\n')
            throw new RunException(Inv($"{path}: byte {length} that {RunFiles.Checkpoint} records is not the end of a line"));
        int start = window < 2 ? 0 : Array.LastIndexOf(tail, (byte)'\n', window - 2) + 1;
        if (start == 0 && window < length)
            throw new RunException(Inv($"{path}: the line ending at byte {length} is longer than {MaxMetricsLine} bytes"));
        try
        {
            var (m, _) = MetricsJson.ReadLine(BoundedFile.DecodeUtf8(tail.AsSpan(start, window - 1 - start)));
            // With log_every N the last line is within the N iterations up to the checkpoint's (the one at it when N = 1).
            if (m.Iteration > iteration || m.Iteration <= iteration - Config.LogEvery)
                throw new FormatException(Inv($"the line ending at byte {length} is iteration {m.Iteration}, {RunFiles.Checkpoint} is at {iteration}"));
            return m;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new RunException($"{path}: cannot resume: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Checkpoints never hold NaN (a log-probability of zero is the one non-finite value, "-Infinity").</summary>
    private static void EnsureNoNaN(JsonElement e, string where)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    EnsureNoNaN(p.Value, where + "." + p.Name);
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var v in e.EnumerateArray())
                    EnsureNoNaN(v, Inv($"{where}[{i++}]"));
                break;
            case JsonValueKind.String when e.ValueEquals("NaN") || e.ValueEquals("Infinity"):
                throw new FormatException($"{where} is {e.GetRawText()}, it must be finite");
            case JsonValueKind.Number when !e.TryGetDouble(out double x) || !double.IsFinite(x):
                throw new FormatException($"{where} = {e.GetRawText()} is not a finite double");
        }
    }

    private static void EnsureProbabilities(string what, Func<TabularPolicy> policy)
    {
        TabularPolicy p;
        try
        {
            p = policy();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{what}: {e.Message.Split('\n')[0]}", e);
        }
        for (int c = 0; c < p.ContextCount; c++)
        {
            double sum = 0;
            foreach (double v in p[c])
            {
                if (!(v >= 0) || double.IsInfinity(v))
                    throw new FormatException(Inv($"{what}: context {c} has probability {v}"));
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-6)
                throw new FormatException(Inv($"{what}: context {c} sums to {sum}, not 1"));
        }
    }

    /// <summary>A killed run can leave the temporary file of an unfinished atomic write; it never holds anything the checkpoint needs.</summary>
    private static void RemoveStaleTemporaries(string directory)
    {
        string[] names = [RunFiles.Config, RunFiles.Metrics, RunFiles.Checkpoint, RunFiles.Policy, RunFiles.Weights, RunFiles.WeightsConfig, RunFiles.Plot, RunFiles.Simplex];
        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            Io(path, () => AtomicFile.DeleteStaleTemporaries(path));
        }
    }

    private static string Hash(string text) => Hash(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Io(Action action) => Io(Path.Combine(Directory, RunFiles.Metrics), action);

    private static void Io(string path, Action action) => Io(path, () => { action(); return 0; });

    private static T Io<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            string message = e.Message.Split('\n')[0];
            throw new RunException(message.StartsWith(path, StringComparison.Ordinal) ? message : $"{path}: {message}", e);
        }
    }

    private static void Checked(string path, Action action) => Checked(path, () => { action(); return 0; });

    /// <summary>Runs a step of reading <paramref name="path"/>; what it finds wrong becomes one line naming the file.</summary>
    private static T Checked<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new RunException($"{path}: cannot resume: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
