namespace Rebel.Preference.Algorithms;

/// <summary>Options of online IPO.</summary>
public sealed record OnlineIpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<OnlineIpoOptions>(
        "online-ipo",
        "online IPO: square loss on sampled, oracle-labelled pairs (or its population form, --loss exact), one gradient step of --lr per iteration",
        (s, o) => o.Loss == LossKind.Exact
            ? new ExactOnlineIpoAlgorithm(s.Exact<OnlineIpoOptions>(nameof(SelfPlayOptions.LearningRate)).Game, o.Tau, s.Shared.LearningRate)
            : new OnlineIpoAlgorithm(s.Game, s.Seed, s.Shared, o.Tau, oracle: s.Oracle)) with { Order = 90, SharedOptions = PairwiseLossAlgorithm.PairOptions };

    /// <summary>Regularisation τ: the target log-ratio gap of a sure preference is 1/(2τ).</summary>
    [Option("tau", "IPO regularisation τ; a sure preference targets a log-ratio gap of 1/(2τ)")]
    public double Tau { get; init; } = 0.5;

    /// <summary>The sampled loss on oracle-labelled pairs, or its population form from exact win rates.</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Sampled;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<OnlineIpoOptions>.PositiveFinite(nameof(Tau), Tau);
    }
}
