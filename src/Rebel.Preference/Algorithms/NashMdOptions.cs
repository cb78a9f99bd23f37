namespace Rebel.Preference.Algorithms;

/// <summary>Options of Nash mirror descent.</summary>
public sealed record NashMdOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<NashMdOptions>(
        "nash-md",
        "Nash-MD: mirror step against the geometric mixture of π_t and π_ref (win rates sampled against the mixture)",
        (s, o) => new NashMdAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 40, SharedOptions = [nameof(SelfPlayOptions.Eta), .. SampledSelfPlay.WinRateOptions], Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy; the geometric mixture uses ητ ∈ [0, 1].</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (ητ ≤ 1)")]
    public double Tau { get; init; } = 0.1;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<NashMdOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<NashMdOptions>.NonNegativeFinite(nameof(Tau), Tau);
    }
}
