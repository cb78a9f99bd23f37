namespace Rebel.Preference.Algorithms;

/// <summary>Options of Nash-MD-PG, the policy-gradient form of Nash mirror descent.</summary>
public sealed record NashMdPgOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<NashMdPgOptions>(
        "nash-md-pg",
        "Nash-MD-PG: policy-gradient step of --lr toward the win rate against Nash-MD's mixture minus τ log π/π_ref (exact, or --loss sampled)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledNashMdPgAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
            : new NashMdPgAlgorithm(s.Exact<NashMdPgOptions>(nameof(SelfPlayOptions.Eta), nameof(SelfPlayOptions.LearningRate)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Tau, s.Shared.LearningRate))
        with { Order = 120, SharedOptions = [nameof(SelfPlayOptions.Eta), nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.LearningRate)], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Nash-MD's mirror step η, which sets the geometric mixture <c>π_t^{1−ητ} π_ref^{ητ}</c>; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/> (exact) or the tuned rate (sampled).</summary>
    [Option("eta", "mirror step η of the geometric mixture π^{1−ητ} π_ref^{ητ} (default: the shared --eta, else 1 for the exact form, whose last-iterate promise needs a step that does not shrink with T, and sqrt(8 ln n / T) for the sampled one)", Unset = "1 (exact), tuned (sampled)")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy (ητ ≤ 1).</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (ητ ≤ 1)")]
    public double Tau { get; init; } = 0.1;

    /// <summary>Exact win rates, or the paper's sampled policy-gradient loss.</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<NashMdPgOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<NashMdPgOptions>.NonNegativeFinite(nameof(Tau), Tau);
    }
}
