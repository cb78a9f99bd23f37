using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>
/// Everything that defines a self-play run; stored fully resolved (defaults included) in the run directory's
/// <c>config.json</c>, from which <c>--resume</c> rebuilds the run.
/// </summary>
public sealed record RunConfig
{
    /// <summary>Game spec or game-file path (made absolute for files, so a resume works from any directory).</summary>
    public required string Game { get; init; }

    /// <summary>
    /// The library oracle the run's learner asks (a run made by <see cref="RunBuilder"/>), whose <see cref="Game"/> is
    /// then <see cref="OracleIdentity.GameSpec"/>; null when <see cref="Game"/> names a zoo spec, a file or a judge.
    /// </summary>
    public OracleIdentity? Oracle { get; init; }

    /// <summary>Algorithm name in <see cref="AlgorithmCatalog"/>.</summary>
    public string Algorithm { get; init; } = AlgorithmCatalog.ExactReference.Name;

    /// <summary>The horizon T.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The run's seed; all randomness derives from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Options shared by every algorithm.</summary>
    public SelfPlayOptions Shared { get; init; } = new();

    /// <summary>The algorithm's own options record (of its descriptor's options type), or null when it has none.</summary>
    public object? AlgorithmOptions { get; init; }

    /// <summary>Seconds of wall time between checkpoints (appended metrics flushed, checkpoint and plot rewritten together).</summary>
    public double CheckpointSeconds { get; init; } = 2;

    /// <summary>
    /// Evaluate and write every N-th iteration (and always the last): the other iterations learn without a pass of
    /// the evaluator over the matrix (a learner that needs <c>P π</c> evaluates them anyway) and leave no line in
    /// <c>metrics.jsonl</c> and no point in the plot. <see cref="Rebel.Preference.Evaluation.PolicyEvaluator.AutoEvery(Rebel.Games.TabularGame)"/> is the choice that
    /// keeps evaluation a small share of a sampled run (the CLI's default).
    /// </summary>
    public int LogEvery { get; init; } = 1;

    /// <summary>Facts of the machine the run started on that its algorithm recorded (e.g. <c>libtorch</c>, <c>device</c>); informational.</summary>
    public IReadOnlyDictionary<string, string> Runtime { get; init; } = new Dictionary<string, string>();
}
