namespace Rebel.Preference.Algorithms;

/// <summary>Options of magnetic mirror descent.</summary>
public sealed record MagneticMirrorDescentOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<MagneticMirrorDescentOptions>(
        "mmd",
        "magnetic mirror descent toward π_ref (sampled win rates)",
        (s, o) => new MagneticMirrorDescentAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Alpha, s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 70, SharedOptions = [nameof(SelfPlayOptions.Eta), .. SampledSelfPlay.WinRateOptions], Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <summary>Magnet strength α toward the reference policy.</summary>
    [Option("alpha", "magnet strength α toward the reference policy")]
    public double Alpha { get; init; } = 0.05;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<MagneticMirrorDescentOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<MagneticMirrorDescentOptions>.NonNegativeFinite(nameof(Alpha), Alpha);
    }
}
