using System.Diagnostics;
using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Runs.Utils;

namespace Rebel.Preference.Runs;

/// <summary>
/// A self-play run bound to its run directory (DESIGN §3): <c>config.json</c>, <c>metrics.jsonl</c>,
/// <c>checkpoint.json</c>, <c>plot.svg</c> and, at the end, <c>policy.json</c>. Every file is written atomically;
/// metrics reach the disk only together with a checkpoint, so a killed run leaves complete lines that match its
/// checkpoint, and <see cref="Resume"/> continues it to the same bytes as an uninterrupted run (except <c>seconds</c>).
/// </summary>
public sealed class SelfPlayRun
{
    private readonly List<double> _dgLast = [];
    private readonly List<double> _dgAverage = [];
    private readonly MemoryStream _pending = new();
    private long _committedBytes;
    private double _secondsBefore;
    private IterationMetrics? _last;

    private SelfPlayRun(string directory, RunConfig config, TabularGame game, ISelfPlayAlgorithm algorithm)
    {
        Directory = directory;
        Config = config;
        Game = game;
        Algorithm = algorithm;
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>The run's definition.</summary>
    public RunConfig Config { get; }

    /// <summary>The game.</summary>
    public TabularGame Game { get; }

    /// <summary>The algorithm, at the run's current iteration.</summary>
    public ISelfPlayAlgorithm Algorithm { get; }

    /// <summary>Whether all <see cref="RunConfig.Iterations"/> are done.</summary>
    public bool IsComplete => Algorithm.Iteration >= Config.Iterations;

    /// <summary>
    /// Starts a new run in <paramref name="directory"/>: writes its config and an iteration-0 checkpoint.
    /// An existing non-empty directory is refused unless <paramref name="force"/>; even then nothing is deleted,
    /// the run's files are replaced one by one.
    /// </summary>
    /// <exception cref="RunException">The directory is not empty, cannot be written, or the config is invalid.</exception>
    public static SelfPlayRun Create(string directory, RunConfig config, TabularGame game, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(game);
        if (config.Iterations < 1)
            throw new RunException($"iterations must be at least 1, not {config.Iterations}");
        if (!(config.CheckpointSeconds > 0))
            throw new RunException("checkpoint interval must be positive");
        if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any() && !force)
            throw new RunException($"{directory}: already exists and is not empty (continue it with --resume, or overwrite it with --force)");
        if (File.Exists(directory))
            throw new RunException($"{directory}: is a file, not a directory");
        var run = new SelfPlayRun(directory, config, game, NewAlgorithm(config, game));
        Io(directory, () =>
        {
            System.IO.Directory.CreateDirectory(directory);
            AtomicFile.WriteAllText(Path.Combine(directory, RunFiles.Config), RunConfigJson.Serialize(config, game));
        });
        run.Checkpoint(0);
        return run;
    }

    /// <summary>Reopens the run in <paramref name="directory"/> at its last checkpoint.</summary>
    /// <param name="directory">A directory written by <see cref="Create"/>.</param>
    /// <param name="loadGame">Loads the game from its recorded spec or path (default <see cref="GameSource.Load"/>).</param>
    /// <exception cref="RunException">Not a run directory, or its files are inconsistent or the game changed.</exception>
    public static SelfPlayRun Resume(string directory, Func<string, TabularGame>? loadGame = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string configPath = Path.Combine(directory, RunFiles.Config);
        string checkpointPath = Path.Combine(directory, RunFiles.Checkpoint);
        if (!File.Exists(configPath) || !File.Exists(checkpointPath))
            throw new RunException($"{directory}: not a run directory (no {RunFiles.Config} and {RunFiles.Checkpoint})");
        var (config, hash) = RunConfigJson.Parse(Io(configPath, () => File.ReadAllText(configPath)), configPath);
        var game = (loadGame ?? GameSource.Load)(config.Game);
        if (RunConfigJson.GameHash(game) != hash)
            throw new RunException($"{configPath}: the game '{config.Game}' differs from the one the run started with");
        var run = new SelfPlayRun(directory, config, game, NewAlgorithm(config, game));
        run.Restore(checkpointPath);
        RemoveStaleTemporaries(directory);
        return run;
    }

    /// <summary>
    /// Runs the remaining iterations, checkpointing every <see cref="RunConfig.CheckpointSeconds"/> and at the end,
    /// then writes the final policy. On cancellation it checkpoints first, so the run can be resumed.
    /// </summary>
    /// <param name="onIteration">Called after every iteration (progress display).</param>
    /// <param name="cancellation">Stops the run after the current iteration.</param>
    /// <exception cref="OperationCanceledException">Cancelled; the checkpoint is written.</exception>
    /// <exception cref="RunException">A file cannot be written.</exception>
    public RunResult Run(Action<IterationMetrics>? onIteration = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        double lastCheckpoint = 0;
        while (!IsComplete)
        {
            if (cancellation.IsCancellationRequested)
            {
                Checkpoint(_secondsBefore + clock.Elapsed.TotalSeconds);
                cancellation.ThrowIfCancellationRequested();
            }
            var m = Algorithm.Step();
            double seconds = _secondsBefore + clock.Elapsed.TotalSeconds;
            Record(m, seconds);
            onIteration?.Invoke(m);
            if (clock.Elapsed.TotalSeconds - lastCheckpoint >= Config.CheckpointSeconds)
            {
                Checkpoint(seconds);
                lastCheckpoint = clock.Elapsed.TotalSeconds;
            }
        }
        double total = _last is null ? _secondsBefore : _secondsBefore + clock.Elapsed.TotalSeconds;
        Checkpoint(total);
        string policyPath = Path.Combine(Directory, RunFiles.Policy);
        Io(policyPath, () => AtomicFile.WriteAllText(policyPath, PolicyJson.Serialize(Game, Algorithm)));
        _secondsBefore = total;
        return new RunResult(Directory, _last, _dgLast.ToArray(), _dgAverage.ToArray(), total);
    }

    /// <summary>Checks that <paramref name="config"/> can run on <paramref name="game"/> (known algorithm, valid options) without writing anything.</summary>
    /// <exception cref="RunException">The configuration is invalid; the message names the option.</exception>
    public static void Validate(RunConfig config, TabularGame game) => _ = NewAlgorithm(config, game);

    private static ISelfPlayAlgorithm NewAlgorithm(RunConfig config, TabularGame game)
    {
        var descriptor = AlgorithmCatalog.For(config.Algorithm, config.Shared.Policy)
            ?? throw new RunException($"unknown algorithm '{config.Algorithm}' (known: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))})");
        try
        {
            return Regularise(descriptor.Create(new AlgorithmSetup(game, config.Iterations, config.Seed, config.Shared, config.AlgorithmOptions)), config.Shared, game);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // Algorithms reject option values they cannot run with by ArgumentException naming the flag.
            string message = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
            throw new RunException($"{config.Algorithm}: {message.Split('\n')[0]}", e);
        }
    }

    /// <summary>
    /// The run's regularised game (docs/regularised-game.md): <see cref="SelfPlayOptions.Reference"/> anchors every
    /// algorithm that regularises toward π_ref, and <see cref="SelfPlayOptions.Tau"/> adds <c>dg_reg</c> to its metrics.
    /// </summary>
    private static ISelfPlayAlgorithm Regularise(ISelfPlayAlgorithm algorithm, SelfPlayOptions shared, TabularGame game)
    {
        var reference = shared.Reference is null ? null : ReferencePolicy.Load(shared.Reference, game);
        if (reference is not null && algorithm is Algorithms.TabularSelfPlay tabular)
            tabular.AnchorTo(reference);
        // τ = 0 is the unregularised game, whose gap dg_last already is (and the τ of algorithms that accept 0).
        return shared.Tau is { } tau && tau != 0 ? new RegularisedSelfPlay(algorithm, new Games.Exact.RegularisedGame(game, tau, reference)) : algorithm;
    }

    private void Record(IterationMetrics m, double seconds)
    {
        MetricsJson.WriteLine(_pending, m, seconds);
        _dgLast.Add(m.DualityGapLast);
        _dgAverage.Add(m.DualityGapAverage);
        _last = m;
    }

    /// <summary>Appends the pending metrics (by rewriting the file atomically), then the checkpoint that matches them, then the plot.</summary>
    private void Checkpoint(double seconds)
    {
        string metricsPath = Path.Combine(Directory, RunFiles.Metrics);
        string checkpointPath = Path.Combine(Directory, RunFiles.Checkpoint);
        string plotPath = Path.Combine(Directory, RunFiles.Plot);
        long committed = _committedBytes;
        Io(metricsPath, () => AtomicFile.Write(metricsPath, s =>
        {
            if (committed > 0)
                CopyPrefix(metricsPath, committed, s);
            _pending.WriteTo(s);
        }));
        _committedBytes += _pending.Length;
        _pending.SetLength(0);
        Io(checkpointPath, () => AtomicFile.Write(checkpointPath, s =>
        {
            using var w = new Utf8JsonWriter(s);
            w.WriteStartObject();
            w.WriteString("format", "rebel-checkpoint/1");
            w.WriteNumber("iteration", Algorithm.Iteration);
            w.WriteNumber("metrics_bytes", _committedBytes);
            w.WriteNumber("seconds", seconds);
            w.WritePropertyName("state");
            Algorithm.SaveState(w);
            w.WriteEndObject();
        }));
        Io(plotPath, () => AtomicFile.WriteAllText(plotPath, RunPlot.Render(this, _dgLast, _dgAverage)));
    }

    private void Restore(string checkpointPath)
    {
        string metricsPath = Path.Combine(Directory, RunFiles.Metrics);
        try
        {
            using var doc = JsonDocument.Parse(Io(checkpointPath, () => File.ReadAllBytes(checkpointPath)));
            var root = doc.RootElement;
            int iteration = root.GetProperty("iteration").GetInt32();
            long bytes = root.GetProperty("metrics_bytes").GetInt64();
            Algorithm.LoadState(root.GetProperty("state"));
            if (Algorithm.Iteration != iteration)
                throw new FormatException($"the algorithm state is at iteration {Algorithm.Iteration}, the checkpoint at {iteration}");
            _secondsBefore = root.GetProperty("seconds").GetDouble();
            _committedBytes = bytes;
            ReadMetrics(metricsPath, bytes, iteration);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RunException($"{checkpointPath}: cannot resume: {e.Message.Split('\n')[0]}", e);
        }
    }

    private void ReadMetrics(string metricsPath, long bytes, int iterations)
    {
        using var buffer = new MemoryStream();
        if (bytes > 0)
            Io(metricsPath, () => CopyPrefix(metricsPath, bytes, buffer));
        var lines = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != iterations)
            throw new FormatException($"{metricsPath} holds {lines.Length} iterations up to the checkpoint, expected {iterations}");
        foreach (var line in lines)
        {
            var (m, _) = MetricsJson.ReadLine(line);
            _dgLast.Add(m.DualityGapLast);
            _dgAverage.Add(m.DualityGapAverage);
            _last = m;
        }
    }

    /// <summary>A killed run can leave the temporary file of an unfinished atomic write; it never holds anything the checkpoint needs.</summary>
    private static void RemoveStaleTemporaries(string directory)
    {
        string[] names = [RunFiles.Config, RunFiles.Metrics, RunFiles.Checkpoint, RunFiles.Policy, RunFiles.Plot];
        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            Io(path, () => AtomicFile.DeleteStaleTemporaries(path));
        }
    }

    private static void CopyPrefix(string path, long count, Stream destination)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (source.Length < count)
            throw new FormatException($"{path} is shorter ({source.Length} bytes) than its checkpoint records ({count})");
        var buffer = new byte[81920];
        for (long left = count; left > 0;)
        {
            int n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
                throw new EndOfStreamException($"{path} ended early");
            destination.Write(buffer, 0, n);
            left -= n;
        }
    }

    private static void Io(string path, Action action) => Io(path, () => { action(); return 0; });

    private static T Io<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"{path}: {e.Message.Split('\n')[0]}", e);
        }
    }
}
