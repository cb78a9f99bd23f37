namespace Rebel.Preference.Algorithms;

/// <summary>Options of fictitious play: it has none of its own (its step is 1/(t+2)); the record registers the algorithm.</summary>
public sealed record FictitiousPlayOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<FictitiousPlayOptions>(
        "fictitious-play",
        "fictitious play: the belief moves toward a best response to its tracked, sampled win rates by 1/(t+2)",
        (s, _) => new FictitiousPlayAlgorithm(s.Game, s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 150, SharedOptions = SampledSelfPlay.WinRateOptions, Guarantee = Guarantee.LastIterateMinimaxWinner };

    /// <inheritdoc/>
    public void Validate()
    {
    }
}
