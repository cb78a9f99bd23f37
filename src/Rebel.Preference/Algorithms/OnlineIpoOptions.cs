namespace Rebel.Preference.Algorithms;

/// <summary>Options of online IPO.</summary>
public sealed record OnlineIpoOptions
{
    /// <summary>Regularisation τ: the target log-ratio gap of a sure preference is 1/(2τ).</summary>
    [Option("tau", "IPO regularisation τ; a sure preference targets a log-ratio gap of 1/(2τ)")]
    public double Tau { get; init; } = 0.5;
}
