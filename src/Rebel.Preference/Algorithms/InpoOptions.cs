namespace Rebel.Preference.Algorithms;

/// <summary>Options of iterative Nash policy optimisation (INPO).</summary>
public sealed record InpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<InpoOptions>(
        "inpo",
        "INPO: online mirror descent on the τ-regularised game (exact, or --loss sampled: its square loss on labelled pairs)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledInpoAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
            : new InpoAlgorithm(s.Exact<InpoOptions>(nameof(SelfPlayOptions.Eta)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Tau))
        with { Order = 130, SharedOptions = [nameof(SelfPlayOptions.Eta), .. PairwiseLossAlgorithm.PairOptions], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/> (exact) or the tuned rate (sampled).</summary>
    [Option("eta", "step size η (default: the shared --eta, else 1 for the exact form, whose last-iterate promise needs a step that does not shrink with T, and sqrt(8 ln n / T) for the sampled one)", Unset = "1 (exact), tuned (sampled)")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy.</summary>
    [Option("tau", "KL regularisation τ toward the reference policy")]
    public double Tau { get; init; } = 0.1;

    /// <summary>Exact win rates, or INPO's sampled square loss (one gradient step of <c>--lr</c> per iteration).</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<InpoOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<InpoOptions>.NonNegativeFinite(nameof(Tau), Tau);
    }
}
