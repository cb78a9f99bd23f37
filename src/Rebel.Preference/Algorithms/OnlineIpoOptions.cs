namespace Rebel.Preference.Algorithms;

/// <summary>Options of online IPO.</summary>
public sealed record OnlineIpoOptions
{
    /// <summary>Regularisation τ: the target log-ratio gap of a sure preference is 1/(2τ).</summary>
    [Option("tau", "IPO regularisation τ; a sure preference targets a log-ratio gap of 1/(2τ)")]
    public double Tau { get; init; } = 0.5;

    /// <summary>The sampled loss on oracle-labelled pairs, or its population form from exact win rates.</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Sampled;
}
