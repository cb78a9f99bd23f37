namespace Rebel.Preference.Algorithms;

/// <summary>Options of optimistic multiplicative weights.</summary>
public sealed record OmwuOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<OmwuOptions>(
        "omwu",
        "optimistic multiplicative weights, η(2g_t − g_{t−1}) on sampled win rates; with exact ones the last iterate converges",
        (s, o) => new OmwuAlgorithm(s.Game, s.ResolveEta(o.Eta), s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 50, SharedOptions = [nameof(SelfPlayOptions.Eta), .. SampledSelfPlay.WinRateOptions], Guarantee = Guarantee.AverageIterateMinimaxWinner };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<OmwuOptions>.PositiveFinite(nameof(Eta), Eta);
    }
}
