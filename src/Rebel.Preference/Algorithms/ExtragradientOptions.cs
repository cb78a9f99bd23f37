namespace Rebel.Preference.Algorithms;

/// <summary>Options of extragradient preference optimisation.</summary>
public sealed record ExtragradientOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }

    /// <summary>Optional KL regularisation τ toward the reference policy (0: the unregularised game).</summary>
    [Option("tau", "KL regularisation τ toward the reference policy (0: none)")]
    public double Tau { get; init; }
}
