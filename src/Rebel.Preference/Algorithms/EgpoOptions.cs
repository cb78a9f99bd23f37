namespace Rebel.Preference.Algorithms;

/// <summary>Options of extragradient preference optimisation (EGPO).</summary>
public sealed record EgpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<EgpoOptions>(
        "egpo",
        "EGPO: extragradient on the τ-regularised game, both steps from π_t^{1−ητ} π_ref^{ητ} (exact, or --loss sampled)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledEgpoAlgorithm(s.Game, o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
            : new EgpoAlgorithm(s.Exact<EgpoOptions>(nameof(SelfPlayOptions.Eta)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Tau))
        with { Order = 110, SharedOptions = [nameof(SelfPlayOptions.Eta), nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.LearningRate)], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η of the exact form; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/>. The sampled form steps by <c>--lr</c>.</summary>
    [Option("eta", "step size η of the exact form (default: the shared --eta, else 1: its last-iterate promise needs a step that does not shrink with T); the sampled form steps by --lr", Unset = "1")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy; both steps move π^{1−ητ} π_ref^{ητ}, so ητ ∈ [0, 1].</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (ητ ≤ 1)")]
    public double Tau { get; init; } = 0.1;

    /// <summary>Exact win rates, or EGPO's sampled loss.</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<EgpoOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<EgpoOptions>.NonNegativeFinite(nameof(Tau), Tau);
    }
}
