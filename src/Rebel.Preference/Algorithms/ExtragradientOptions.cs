namespace Rebel.Preference.Algorithms;

/// <summary>Options of extragradient preference optimisation.</summary>
public sealed record ExtragradientOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<ExtragradientOptions>(
        "extragradient",
        "extragradient (EGPO): half step, then full step with win rates sampled against the half step",
        (s, o) => new ExtragradientAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 60, SharedOptions = [nameof(SelfPlayOptions.Eta), .. SampledSelfPlay.WinRateOptions], Guarantee = Guarantee.AverageIterateMinimaxWinner };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <summary>Optional KL regularisation τ toward the reference policy (0: the unregularised game).</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (0: none)")]
    public double Tau { get; init; }

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<ExtragradientOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<ExtragradientOptions>.NonNegativeFinite(nameof(Tau), Tau);
    }
}
