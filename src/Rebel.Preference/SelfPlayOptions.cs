using Rebel.Preference.Options;

namespace Rebel.Preference;

/// <summary>
/// Options shared by every self-play algorithm (the flags of <c>rebel selfplay</c> and <c>rebel compare</c>).
/// Each property's initial value is its default.
/// </summary>
public sealed record SelfPlayOptions
{
    /// <summary>Step size η; null means the tuned <c>sqrt(8 ln n / T)</c>.</summary>
    [Option("eta", "step size η (default: sqrt(8 ln n / T) for the horizon T and largest response set n)", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <summary>Policy class.</summary>
    [Option("policy", "policy class: tabular (softmax per context), loglinear (over response features) or neural (a transformer on a sequence game, libtorch)")]
    public PolicyKind Policy { get; init; } = PolicyKind.Tabular;

    /// <summary>The largest <see cref="Samples"/> K (K² pairs per context).</summary>
    public const int MaxSamples = 10_000;

    /// <summary>Responses drawn per context per iteration.</summary>
    [Option("samples", "responses drawn per context per iteration: K ≥ 2, or 'all' for every response once", ValueName = "K|all")]
    public SampleCount Samples { get; init; } = SampleCount.Of(4);

    /// <summary>Oracle feedback.</summary>
    [Option("feedback", "oracle feedback: exact probabilities or bernoulli (binary outcomes drawn from the seeded RNG)")]
    public FeedbackKind Feedback { get; init; } = FeedbackKind.Exact;

    /// <summary>How regression pairs are chosen among the samples.</summary>
    [Option("pairs", "regression pairs among the samples: all, random (disjoint pairs) or best-worst")]
    public PairSelection Pairs { get; init; } = PairSelection.All;

    /// <summary>How the regression is solved.</summary>
    [Option("fit", "regression solver: exact (regularised least squares) or adamw (minibatches)")]
    public FitMethod Fit { get; init; } = FitMethod.Exact;

    /// <summary>AdamW learning rate.</summary>
    [Option("lr", "AdamW learning rate (with --fit adamw)")]
    public double LearningRate { get; init; } = 0.05;

    /// <summary>AdamW epochs per iteration.</summary>
    [Option("epochs", "AdamW epochs over each iteration's data (with --fit adamw)")]
    public int Epochs { get; init; } = 4;

    /// <summary>AdamW minibatch size.</summary>
    [Option("batch", "AdamW minibatch size (with --fit adamw)")]
    public int Batch { get; init; } = 64;

    /// <summary>Maximum oracle queries per context per iteration; null for all pairs.</summary>
    [Option("query-budget", "oracle queries per context per iteration (default: all pairs among the samples)")]
    public int? QueryBudget { get; init; }

    /// <summary>
    /// Exploration weight γ of the importance-weighted estimates: responses are drawn from <c>(1 − γ) π_t + γ·uniform</c>
    /// and reweighted, which bounds every importance weight by <c>n/(Kγ)</c> (docs/sampled-self-play.md).
    /// </summary>
    [Option("explore", "exploration weight γ in [0, 1] of importance-weighted estimates: draw from (1 − γ)π_t + γ·uniform and reweight")]
    public double Explore { get; init; } = 0.3;

    /// <summary>Baseline b of the importance-weighted estimate: what an undrawn response is credited; 1/2 is the game's value.</summary>
    [Option("baseline", "baseline b in [0, 1] of importance-weighted estimates: the value credited to undrawn responses (1/2: the game value)")]
    public double Baseline { get; init; } = 0.5;

    /// <summary>Offline pairwise data for a hybrid μ; null for pure self-play.</summary>
    [Option("offline", "pairs.jsonl of offline responses used as the comparison distribution μ (hybrid runs)", ValueName = "file")]
    public string? Offline { get; init; }

    /// <summary>
    /// Regularisation τ of the KL-regularised game (docs/regularised-game.md); null or 0 for none. When positive, every run reports
    /// <c>dg_reg</c>, and the CLI's <c>--tau</c> also sets the τ of every algorithm that has its own.
    /// </summary>
    [Option("tau", "KL regularisation τ of the regularised game: reports dg_reg (τ > 0) and is the τ of every algorithm that has one (default: none)")]
    public double? Tau { get; init; }

    /// <summary>A <c>rebel-policy/1</c> file whose <c>last</c> iterate is the reference policy π_ref; null for uniform.</summary>
    [Option("reference", "rebel-policy/1 file whose 'last' iterate is the reference policy π_ref of the regularised game and the anchor of regularised algorithms (default: uniform)", ValueName = "file")]
    public string? Reference { get; init; }

    /// <summary>
    /// The run-level options (property names), applied to every algorithm by <see cref="AlgorithmDescriptor.Instantiate"/>
    /// (the regularised game): no algorithm declares them in <see cref="AlgorithmDescriptor.SharedOptions"/>.
    /// </summary>
    public static IReadOnlyList<string> RunLevel { get; } = [nameof(Tau), nameof(Reference)];

    /// <summary>Every option at its default.</summary>
    private static readonly SelfPlayOptions Defaults = new();

    /// <summary>Checks every value that can be checked without the game and the algorithm, alone and with the others.</summary>
    /// <exception cref="OptionException">A value is out of range; the exception names the property.</exception>
    public void Validate()
    {
        // K² pairs per context are formed from the samples; past this their count overflows the arrays that hold them.
        if (Samples.Count > MaxSamples)
            throw OptionException.Of<SelfPlayOptions>(nameof(Samples), Samples, $"at most {MaxSamples} responses can be drawn per context");
        OptionChecks<SelfPlayOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<SelfPlayOptions>.PositiveFinite(nameof(LearningRate), LearningRate);
        OptionChecks<SelfPlayOptions>.AtLeast(nameof(Epochs), Epochs, 1);
        OptionChecks<SelfPlayOptions>.AtLeast(nameof(Batch), Batch, 1);
        if (QueryBudget is { } budget)
            OptionChecks<SelfPlayOptions>.AtLeast(nameof(QueryBudget), budget, 1);
        OptionChecks<SelfPlayOptions>.UnitInterval(nameof(Explore), Explore);
        OptionChecks<SelfPlayOptions>.UnitInterval(nameof(Baseline), Baseline);
        // With every response drawn once no response is left out to explore or reweight, whatever the algorithm.
        if (Samples.Count is null)
        {
            var all = OptionReference.Of<SelfPlayOptions>(nameof(Samples), Samples);
            if (Explore != Defaults.Explore)
                throw OptionException.Of<SelfPlayOptions>(nameof(Explore), Explore, "does nothing with {0}: every response is drawn once, so nothing is explored", all);
            if (Baseline != Defaults.Baseline)
                throw OptionException.Of<SelfPlayOptions>(nameof(Baseline), Baseline, "does nothing with {0}: every response is drawn once, so nothing is reweighted", all);
        }
        if (!Enum.IsDefined(Pairs))
            throw OptionException.Of<SelfPlayOptions>(nameof(Pairs), Pairs, "expected all, random or best-worst");
        if (Tau is { } tau)
            OptionChecks<SelfPlayOptions>.NonNegativeFinite(nameof(Tau), tau);
    }

    /// <summary>
    /// Refuses every option set away from its default that <paramref name="algorithm"/> does not use, so that no
    /// setting is ever silently ignored. The run-level <c>tau</c> and <c>reference</c> are always allowed: every run
    /// applies them.
    /// </summary>
    /// <param name="algorithm">The algorithm, for the message.</param>
    /// <param name="why">What the algorithm learns from instead, for the message.</param>
    /// <param name="used">The properties the algorithm uses in this configuration, e.g. <c>nameof(SelfPlayOptions.Eta)</c>.</param>
    /// <exception cref="OptionException">An unused option is set; it names the property.</exception>
    /// <exception cref="ArgumentException">A name in <paramref name="used"/> is not a property of these options.</exception>
    public void RequireOnly(string algorithm, string why, params string[] used) => RequireOnly(algorithm, why, [], used);

    /// <summary>
    /// <see cref="RequireOnly(string, string, string[])"/> with <paramref name="algorithm"/> and <paramref name="why"/>
    /// naming other options: <c>{0}</c>, <c>{1}</c>, … stand for <paramref name="references"/> (see <see cref="OptionException.Render"/>).
    /// </summary>
    /// <exception cref="OptionException">An unused option is set; it names the property.</exception>
    /// <exception cref="ArgumentException">A name in <paramref name="used"/> is not a property of these options.</exception>
    public void RequireOnly(string algorithm, string why, OptionReference[] references, params string[] used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var fields = OptionFields.Of(typeof(SelfPlayOptions));
        // A flag name ("query-budget") where the property (QueryBudget) is meant would allow nothing, and refuse what is used.
        if (used.FirstOrDefault(u => fields.All(f => f.Property.Name != u)) is { } unknown)
            throw new ArgumentException($"'{unknown}' is not a property of {nameof(SelfPlayOptions)}", nameof(used));
        foreach (var field in fields)
        {
            object? value = field.GetValue(this);
            if (!used.Contains(field.Property.Name) && !RunLevel.Contains(field.Property.Name) && !Equals(value, field.Default))
                throw OptionException.Of<SelfPlayOptions>(field.Property.Name, value, $"{algorithm} does not use it ({why})", references);
        }
    }
}
