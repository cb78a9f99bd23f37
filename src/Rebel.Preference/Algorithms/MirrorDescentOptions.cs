namespace Rebel.Preference.Algorithms;

/// <summary>Options of exact self-play mirror descent.</summary>
public sealed record MirrorDescentOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<MirrorDescentOptions>(
        "mirror-descent",
        "exact self-play mirror descent (Hedge on exact win rates, never sampled); the reference",
        (s, o) => new MirrorDescentAlgorithm(s.Game, s.ResolveEta(o.Eta))) with { Order = 10, SharedOptions = [nameof(SelfPlayOptions.Eta)], LearnsFromExactWinRates = true, IsExactReference = true, Guarantee = Guarantee.AverageIterateMinimaxWinner };

    /// <summary>Step size η; null means the tuned <c>sqrt(8 ln n / T)</c> for the run's horizon.</summary>
    [Option("eta", "step size η (default: sqrt(8 ln n / T), the tuned Hedge rate for the horizon)", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<MirrorDescentOptions>.PositiveFinite(nameof(Eta), Eta);
    }
}
