namespace Rebel.Preference.Algorithms;

/// <summary>Options of optimistic multiplicative weights.</summary>
public sealed record OmwuOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }
}
