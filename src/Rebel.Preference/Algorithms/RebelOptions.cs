namespace Rebel.Preference.Algorithms;

/// <summary>Options of REBEL (regression to relative rewards) on self-play win rates.</summary>
public sealed record RebelOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<RebelOptions>(
        "rebel",
        "REBEL: regress logit differences onto self-play win-rate differences (sampled, exact or AdamW fit)",
        (s, o) => new RebelAlgorithm(s.Game, s.ResolveEta(o.Eta), s.Seed, s.Shared, o, oracle: s.Oracle)) with { Order = 20, SharedOptions = [.. Options.OptionFields.Of(typeof(SelfPlayOptions)).Select(f => f.Property.Name).Except(SelfPlayOptions.RunLevel)], Guarantee = Guarantee.AverageIterateMinimaxWinner, Policies = null };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned <c>sqrt(8 ln n / T)</c>.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <summary>How the iteration's samples become regression targets.</summary>
    [Option("estimator", "regression targets: doubly-robust (every response, unbiased, correcting a control variate learnt from earlier answers: lowest variance), importance-weighted (every response, unbiased, around a constant baseline) or leave-one-out (sampled pairs only, biased)")]
    public RebelEstimator Estimator { get; init; } = RebelEstimator.DoublyRobust;

    /// <summary>Ridge λ of the exact least squares; 0 gives the exact minimum-norm solution (the natural-gradient step).</summary>
    [Option("ridge", "ridge λ of the exact least squares (0: the exact minimum-norm solution)")]
    public double Ridge { get; init; }

    /// <summary>AdamW decoupled weight decay toward π_t's parameters.</summary>
    [Option("weight-decay", "AdamW decoupled weight decay toward the current parameters (with --fit adamw)")]
    public double WeightDecay { get; init; }

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<RebelOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<RebelOptions>.NonNegativeFinite(nameof(Ridge), Ridge);
        OptionChecks<RebelOptions>.NonNegativeFinite(nameof(WeightDecay), WeightDecay);
    }
}
