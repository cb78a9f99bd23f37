namespace Rebel.Preference.Algorithms;

/// <summary>Options of self-play preference optimisation.</summary>
public sealed record SppoOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }
}
