namespace Rebel.Preference.Algorithms;

/// <summary>Options of Nash Mirror Prox, mirror prox on the τ-regularised game.</summary>
public sealed record NashMirrorProxOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<NashMirrorProxOptions>(
        "nash-mp",
        "Nash Mirror Prox: two proximal mirror steps from π_t on the τ-regularised game, the second with the first's win rates (exact, or --loss sampled)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledNashMirrorProxAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
            : new NashMirrorProxAlgorithm(s.Exact<NashMirrorProxOptions>(nameof(SelfPlayOptions.Eta)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Tau)) with { Order = 160, SharedOptions = [nameof(SelfPlayOptions.Eta), .. SampledSelfPlay.WinRateOptions], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/> (exact) or the tuned rate (sampled).</summary>
    [Option("eta", "step size η (default: the shared --eta, else 1 for the exact form, whose last-iterate promise needs a step that does not shrink with T, and sqrt(8 ln n / T) for the sampled one, whose estimates' noise needs a step that does)", Unset = "1 (exact), tuned (sampled)")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy.</summary>
    [Option("tau", "KL regularisation τ toward the reference policy")]
    public double Tau { get; init; } = 0.1;

    /// <summary>Exact win rates, or unbiased estimates of them from samples (self-play, then opponents from the half step).</summary>
    [Option("loss", "exact: the steps from exact win rates; sampled: from win rates estimated on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<NashMirrorProxOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<NashMirrorProxOptions>.PositiveFinite(nameof(Tau), Tau);
    }
}
