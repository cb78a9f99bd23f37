namespace Rebel.Preference.Algorithms;

/// <summary>Options of Bradley–Terry RLHF.</summary>
public sealed record BtRlhfOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<BtRlhfOptions>(
        "bt-rlhf",
        "Bradley-Terry RLHF: fit a BT reward to all queried pairs, then π ∝ π_ref exp(s/β)",
        (s, o) => new BtRlhfAlgorithm(s.Game, s.Seed, s.Shared, o, oracle: s.Oracle)) with { Order = 100, SharedOptions = [nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.Offline)] };

    /// <summary>KL strength β of the RL step: <c>π ∝ π_ref exp(s/β)</c>.</summary>
    [Option("beta", "KL strength β of the RL step, π ∝ π_ref exp(s/β)")]
    public double Beta { get; init; } = 0.1;

    /// <summary>Ridge λ of the Bradley–Terry maximum-likelihood fit.</summary>
    [Option("bt-ridge", "ridge λ of the Bradley-Terry maximum-likelihood fit")]
    public double Ridge { get; init; } = 1e-3;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<BtRlhfOptions>.PositiveFinite(nameof(Beta), Beta);
        OptionChecks<BtRlhfOptions>.PositiveFinite(nameof(Ridge), Ridge);
    }
}
