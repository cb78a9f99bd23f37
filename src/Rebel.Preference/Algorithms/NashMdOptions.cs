namespace Rebel.Preference.Algorithms;

/// <summary>Options of Nash mirror descent.</summary>
public sealed record NashMdOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy; the geometric mixture uses ητ ∈ [0, 1].</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (ητ ≤ 1)")]
    public double Tau { get; init; } = 0.1;
}
