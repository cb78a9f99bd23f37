namespace Rebel.Preference;

/// <summary>
/// Options shared by every self-play algorithm (the flags of <c>rebel selfplay</c> and <c>rebel compare</c>).
/// Each property's initial value is its default.
/// </summary>
public sealed record SelfPlayOptions
{
    /// <summary>Step size η; null means the tuned <c>sqrt(8 ln n / T)</c>.</summary>
    [Option("eta", "step size η (default: sqrt(8 ln n / T) for the horizon T and largest response set n)")]
    public double? Eta { get; init; }

    /// <summary>Policy class.</summary>
    [Option("policy", "policy class: tabular (softmax per context) or loglinear (over response features)")]
    public PolicyKind Policy { get; init; } = PolicyKind.Tabular;

    /// <summary>Responses drawn per context per iteration.</summary>
    [Option("samples", "responses drawn per context per iteration: K ≥ 2, or 'all' for every response once")]
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

    /// <summary>Offline pairwise data for a hybrid μ; null for pure self-play.</summary>
    [Option("offline", "pairs.jsonl of offline responses used as the comparison distribution μ (hybrid runs)")]
    public string? Offline { get; init; }

    /// <summary>
    /// Regularisation τ of the KL-regularised game (docs/regularised-game.md); null or 0 for none. When positive, every run reports
    /// <c>dg_reg</c>, and the CLI's <c>--tau</c> also sets the τ of every algorithm that has its own.
    /// </summary>
    [Option("tau", "KL regularisation τ of the regularised game: reports dg_reg (τ > 0) and is the τ of every algorithm that has one (default: none)")]
    public double? Tau { get; init; }

    /// <summary>A <c>rebel-policy/1</c> file whose <c>last</c> iterate is the reference policy π_ref; null for uniform.</summary>
    [Option("reference", "rebel-policy/1 file whose 'last' iterate is the reference policy π_ref of the regularised game and the anchor of regularised algorithms (default: uniform)")]
    public string? Reference { get; init; }
}
