using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Oracles;

namespace Rebel.Preference;

/// <summary>Everything an algorithm needs to start a run.</summary>
/// <param name="Game">The tabular game (the oracle and the exact evaluation).</param>
/// <param name="Iterations">The horizon T (tunes the default η).</param>
/// <param name="Seed">The run's seed; all randomness derives from it.</param>
/// <param name="Shared">Options shared by all algorithms.</param>
/// <param name="Options">The algorithm's own options record, or null for its defaults.</param>
public sealed record AlgorithmSetup(TabularGame Game, int Iterations, ulong Seed, SelfPlayOptions Shared, object? Options)
{
    private readonly Dictionary<string, string> _runtime = new(StringComparer.Ordinal);
    private IPreferenceOracle? _oracle;

    /// <summary>
    /// The preference oracle the sampled algorithms query for their learning signal: the game's own matrix
    /// (<see cref="TabularOracle"/>) unless set, e.g. to a judge process or a caching decorator. It must answer for the
    /// game's contexts and responses; the game's matrices then serve only the evaluation.
    /// </summary>
    public IPreferenceOracle Oracle
    {
        get => _oracle ??= new TabularOracle(Game);
        init => _oracle = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// π_ref already read from <see cref="SelfPlayOptions.Reference"/>'s file (a run reads it first, to report a bad
    /// file as its own error); null to have <see cref="AlgorithmDescriptor.Instantiate"/> read it.
    /// </summary>
    public TabularPolicy? Reference { get; init; }

    /// <summary>
    /// The shared options as the algorithm runs them: <see cref="Shared"/> with every default the algorithm chose made
    /// explicit (a tuned η, a variant's own learning rate), so that a run's config records values, never "default".
    /// </summary>
    public SelfPlayOptions ResolvedShared { get; private set; } = Shared;

    /// <summary>The algorithm's own options as it runs them (e.g. <c>device = cpu</c> where <c>auto</c> was asked for).</summary>
    public object? ResolvedOptions { get; private set; } = Options;

    /// <summary>Facts of the machine the algorithm runs on that a reader of the run needs (e.g. the libtorch version, the device's name).</summary>
    public IReadOnlyDictionary<string, string> Runtime => _runtime;

    /// <summary>Records the options the algorithm resolved its defaults to (see <see cref="ResolvedShared"/>).</summary>
    public void Resolve(SelfPlayOptions shared, object? options)
    {
        ResolvedShared = shared ?? throw new ArgumentNullException(nameof(shared));
        ResolvedOptions = options;
    }

    /// <summary>Records a fact of the runtime (see <see cref="Runtime"/>).</summary>
    public void RecordRuntime(string key, string value) => _runtime[key] = value;

    /// <summary>
    /// The default step of the exact last-iterate methods (COMAL, EGPO, INPO, Nash-MD-PG): a constant, since their
    /// linear convergence needs a step that does not shrink with T; 1 is stable for every game (win rates lie in [0, 1]).
    /// </summary>
    public const double LastIterateEta = 1;

    /// <summary>
    /// The step size: the algorithm's own η, else the shared <c>--eta</c>, else <paramref name="constant"/> when given
    /// (a last-iterate method, whose promise needs a step that does not shrink with T), else the no-regret tuning
    /// <c>sqrt(8 ln n / T)</c>; a default is recorded in <see cref="ResolvedShared"/>.
    /// </summary>
    /// <exception cref="OptionException">η is not a positive finite number.</exception>
    public double ResolveEta(double? own, double? constant = null)
    {
        if (own is null && Shared.Eta is null)
            ResolvedShared = ResolvedShared with { Eta = constant ?? MirrorDescent.TunedEta(Game, Math.Max(1, Iterations)) };
        double eta = own ?? Shared.Eta ?? ResolvedShared.Eta!.Value;
        if (!(eta > 0) || double.IsInfinity(eta))
        {
            // The algorithm's own η is its options record's Eta; otherwise the shared one.
            var where = own is not null && Options is not null
                ? new OptionReference(Options.GetType(), nameof(SelfPlayOptions.Eta), eta, HasValue: true)
                : OptionReference.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Eta), eta);
            throw new OptionException(where, "must be a positive finite number");
        }
        return eta;
    }

    /// <summary>
    /// Checks that the run sets no shared option but <paramref name="used"/> (property names, e.g.
    /// <c>nameof(SelfPlayOptions.Eta)</c>; the run-level ones always apply): for the exact form of an algorithm, which
    /// takes exact win rates and no sampling settings (its sampled form is <c>Loss = Sampled</c>).
    /// </summary>
    /// <exception cref="OptionException">A sampling or fitting option is set.</exception>
    /// <typeparam name="TOptions">The algorithm's options record, whose <c>Loss</c> property chose the exact form.</typeparam>
    public AlgorithmSetup Exact<TOptions>(params string[] used)
        where TOptions : IAlgorithmOptions
    {
        Shared.RequireOnly($"{TOptions.Algorithm.Name} with {{0}}", "it uses exact win rates; {1} learns from samples",
            [OptionReference.Of<TOptions>("Loss", LossKind.Exact), OptionReference.Of<TOptions>("Loss", LossKind.Sampled)], used);
        return this;
    }

    /// <summary>The algorithm's options of type <typeparamref name="T"/>, or its defaults.</summary>
    public T OptionsOr<T>()
        where T : class, new() => Options as T ?? new T();
}
