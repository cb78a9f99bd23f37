using System.Text;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Oracles;
using Rebel.Runs.Json;

namespace Rebel.Runs;

/// <summary>
/// A self-play run of an oracle held by library code: the learner asks <see cref="Oracle"/>, the evaluator scores on
/// its matrix (or on <see cref="EvaluationGame"/>), and the run directory is the one the CLI writes (config,
/// metrics, checkpoints, plots, resume). The oracle declares an <see cref="OracleIdentity"/>, which
/// <c>config.json</c> records; a resume is given the oracle again by the program that holds it and refuses another
/// identity, or answers that differ from the recorded game's hash. The CLI's game specs are the other way to get a
/// run (<see cref="SelfPlayRun.Create(string, RunConfig, TabularGame, bool)"/>).
/// </summary>
/// <example>
/// <code>
/// var builder = new RunBuilder(myOracle, new OracleIdentity("my-judge", "1")) { Algorithm = name, Iterations = 2000 };
/// using var run = builder.CreateOrResume("runs/my-judge"); // resumes where a killed run stopped
/// run.Run();
/// </code>
/// </example>
public sealed record RunBuilder
{
    /// <summary>Creates a builder of runs of <paramref name="oracle"/>.</summary>
    /// <param name="oracle">The oracle the learner asks (the run never disposes it).</param>
    /// <param name="identity">The name and version the oracle declares.</param>
    public RunBuilder(IPreferenceOracle oracle, OracleIdentity identity)
    {
        Oracle = oracle ?? throw new ArgumentNullException(nameof(oracle));
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
    }

    /// <summary>The oracle the learner asks.</summary>
    public IPreferenceOracle Oracle { get; }

    /// <summary>The name and version the oracle declares.</summary>
    public OracleIdentity Identity { get; }

    /// <summary>
    /// The game the exact evaluator scores policies on (its contexts and responses those of <see cref="Oracle"/>),
    /// e.g. the known preferences behind a noisy judge; null to ask the oracle its whole matrix once per run opened
    /// (<see cref="OracleGames.Enumerate"/>), which an oracle answering outcomes only cannot give.
    /// </summary>
    public TabularGame? EvaluationGame { get; init; }

    /// <summary>The algorithm's name in <see cref="AlgorithmCatalog"/> (default: the exact reference).</summary>
    public string Algorithm { get; init; } = AlgorithmCatalog.ExactReference.Name;

    /// <summary>The algorithm's own options record, or null for its defaults.</summary>
    public object? AlgorithmOptions { get; init; }

    /// <summary>Options shared by every algorithm.</summary>
    public SelfPlayOptions Shared { get; init; } = new();

    /// <summary>The horizon T.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The run's seed; all randomness derives from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Evaluate and write every N-th iteration; null for <see cref="PolicyEvaluator.AutoEvery"/> of the game.</summary>
    public int? LogEvery { get; init; }

    /// <summary>Seconds of wall time between checkpoints.</summary>
    public double CheckpointSeconds { get; init; } = 2;

    /// <summary>Starts a new run in <paramref name="directory"/> (see <see cref="SelfPlayRun.Create(string, RunConfig, TabularGame, bool)"/>).</summary>
    /// <exception cref="RunException">The directory is in use or holds a run (unless <paramref name="force"/>), the configuration is invalid, or the oracle's answers are not a valid game.</exception>
    public SelfPlayRun Create(string directory, bool force = false)
    {
        var game = Game();
        return SelfPlayRun.CreateRun(directory, Config(game), game, force, Learner);
    }

    /// <summary>Reopens the run of this oracle in <paramref name="directory"/> at its last checkpoint; its recorded settings, not this builder's, continue.</summary>
    /// <exception cref="RunException">Not a run of this oracle (another identity, or answers that changed), in use, or a file in it is invalid.</exception>
    public SelfPlayRun Resume(string directory) => SelfPlayRun.ResumeRun(directory, LoadGame, new LibraryOracle(Learner, Identity));

    /// <summary>
    /// Resumes the run in <paramref name="directory"/> if it holds one, else creates it: the call a program makes when it
    /// may have been killed. The run found must be this builder's (same algorithm, options, seed, horizon and
    /// interval), so that a changed script does not continue a run it no longer describes.
    /// </summary>
    /// <exception cref="RunException">The directory holds another run, or see <see cref="Create"/> and <see cref="Resume"/>.</exception>
    public SelfPlayRun CreateOrResume(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (SelfPlayRun.IsFreeForNewRun(directory))
            return Create(directory);
        var run = Resume(directory);
        var wanted = SelfPlayRun.ResolveRun(Config(run.Game), run.Game, Learner) with { Runtime = run.Config.Runtime };
        // The builder's config as a resume reads it back (a record left at its defaults reads back as the defaults'
        // values), against the run's, which was read so.
        string read = RunConfigJson.Serialize(RunConfigJson.Parse(Encoding.UTF8.GetBytes(RunConfigJson.Serialize(wanted, run.Game)), directory).Config, run.Game);
        if (read != RunConfigJson.Serialize(run.Config, run.Game))
        {
            run.Dispose();
            throw new RunException($"{directory}: holds a run of the oracle {Identity} with other settings than this builder's (algorithm, options, seed, iterations or log interval); give it another directory", RunRemedy.None);
        }
        return run;
    }

    /// <summary>Raises the horizon of the run of this oracle in <paramref name="directory"/> to <paramref name="iterations"/> (see <see cref="SelfPlayRun.Extend(string, int, Func{string, TabularGame}?)"/>); resume it afterwards.</summary>
    /// <exception cref="RunException">Not a resumable run of this oracle, or <paramref name="iterations"/> not above its horizon.</exception>
    public void Extend(string directory, int iterations) =>
        SelfPlayRun.ExtendRun(directory, iterations, LoadGame, new LibraryOracle(Learner, Identity));

    /// <summary>The oracle as the run's learner and evaluator see it: scored on <see cref="EvaluationGame"/> where one is given.</summary>
    private IPreferenceOracle Learner => EvaluationGame is null ? Oracle : new ScoredOracle(Oracle);

    // The run's recorded spec is this identity's (SelfPlayRun checks it before it loads the game).
    private TabularGame LoadGame(string spec) => Game();

    /// <summary>The game the evaluator scores on: <see cref="EvaluationGame"/>, or the oracle's own matrix.</summary>
    private TabularGame Game()
    {
        if (EvaluationGame is not null)
            return EvaluationGame;
        if (!Oracle.AnswersProbabilities)
            throw new RunException($"the oracle {Identity} answers outcomes only: give RunBuilder.EvaluationGame, the game to score policies on");
        try
        {
            return OracleGames.Enumerate(Oracle, Identity.Name);
        }
        catch (GameValidationException e)
        {
            throw new RunException($"the oracle {Identity}: its answers are not a valid game: {e.Message}", e);
        }
    }

    private RunConfig Config(TabularGame game) => new()
    {
        Game = Identity.GameSpec,
        Oracle = Identity,
        Algorithm = Algorithm,
        AlgorithmOptions = AlgorithmOptions,
        Shared = Shared,
        Iterations = Iterations,
        Seed = Seed,
        LogEvery = LogEvery ?? PolicyEvaluator.AutoEvery(game),
        CheckpointSeconds = CheckpointSeconds,
    };
}
