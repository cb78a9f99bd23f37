using System.Collections.Concurrent;
using System.CommandLine;
using Rebel.Preference;
using Rebel.Runs;

namespace Rebel.Cli.Utils;

/// <summary>
/// <c>--tensorboard DIR</c> of selfplay, compare and sweep: each run's metrics also go to a TensorBoard event file in
/// <c>DIR/&lt;run&gt;</c> (every column a scalar, at every iteration <c>metrics.jsonl</c> records), so that
/// <c>tensorboard --logdir DIR</c> shows the runs side by side.
/// </summary>
internal sealed class TensorBoardArgument : IDisposable
{
    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, TensorBoardLog> _logs = new(StringComparer.Ordinal);

    private TensorBoardArgument(string? directory) => _directory = directory;

    /// <summary>The flag.</summary>
    public static Option<string> Create() => new("--tensorboard")
    {
        Description = "also write every metrics column as a TensorBoard scalar per logged iteration, as event files in DIR/<run> (tensorboard --logdir DIR)",
        HelpName = "dir",
    };

    /// <summary>The logs the flag asks for (none without it), the directory checked to be writable before any work.</summary>
    /// <exception cref="UsageException">The directory is empty, or cannot be created or written.</exception>
    public static TensorBoardArgument Open(ParseResult parse, Option<string> option)
    {
        if (parse.GetValue(option) is not { } dir)
            return new TensorBoardArgument(null);
        if (dir.Length == 0)
            throw new UsageException("--tensorboard: the directory path is empty");
        try
        {
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".rebel-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--tensorboard {dir}: cannot write: {e.Message}");
        }
        return new TensorBoardArgument(dir);
    }

    /// <summary>What to call after each iteration of the run <paramref name="name"/> (its log opened at its first iteration), or null without the flag.</summary>
    public Action<IterationMetrics>? For(string name, RunConfig config)
    {
        if (_directory is null)
            return null;
        return m =>
        {
            if (m.Iteration % config.LogEvery != 0 && m.Iteration != config.Iterations)
                return;
            _logs.GetOrAdd(name, n =>
            {
                try
                {
                    return new TensorBoardLog(Path.Combine(_directory, n));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--tensorboard {_directory}: cannot write: {e.Message}");
                }
            }).Write(m);
        };
    }

    /// <summary>Closes every log.</summary>
    public void Dispose()
    {
        foreach (var log in _logs.Values)
            log.Dispose();
    }
}
