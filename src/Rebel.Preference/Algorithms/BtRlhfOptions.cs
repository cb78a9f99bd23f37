namespace Rebel.Preference.Algorithms;

/// <summary>Options of Bradley–Terry RLHF.</summary>
public sealed record BtRlhfOptions
{
    /// <summary>KL strength β of the RL step: <c>π ∝ π_ref exp(s/β)</c>.</summary>
    [Option("beta", "KL strength β of the RL step, π ∝ π_ref exp(s/β)")]
    public double Beta { get; init; } = 0.1;

    /// <summary>Ridge λ of the Bradley–Terry maximum-likelihood fit.</summary>
    [Option("bt-ridge", "ridge λ of the Bradley-Terry maximum-likelihood fit")]
    public double Ridge { get; init; } = 1e-3;
}
