namespace Rebel.Preference.Algorithms;

/// <summary>Options of magnetic mirror descent.</summary>
public sealed record MagneticMirrorDescentOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }

    /// <summary>Magnet strength α toward the reference policy.</summary>
    [Option("alpha", "magnet strength α toward the reference policy")]
    public double Alpha { get; init; } = 0.05;
}
