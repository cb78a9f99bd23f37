namespace Rebel.Preference.Algorithms;

/// <summary>Options of extragradient preference optimisation (EGPO).</summary>
public sealed record EgpoOptions
{
    /// <summary>Step size η of the exact form; null means the shared <c>--eta</c> or the tuned rate. The sampled form steps by <c>--lr</c>.</summary>
    [Option("eta", "step size η of the exact form (default: the shared --eta, else sqrt(8 ln n / T)); the sampled form steps by --lr")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy; both steps move π^{1−ητ} π_ref^{ητ}, so ητ ∈ [0, 1].</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (ητ ≤ 1)")]
    public double Tau { get; init; } = 0.1;

    /// <summary>Exact win rates, or EGPO's sampled loss.</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;
}
