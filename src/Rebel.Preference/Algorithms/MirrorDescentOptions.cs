namespace Rebel.Preference.Algorithms;

/// <summary>Options of exact self-play mirror descent.</summary>
public sealed record MirrorDescentOptions
{
    /// <summary>Step size η; null means the tuned <c>sqrt(8 ln n / T)</c> for the run's horizon.</summary>
    [Option("eta", "step size η (default: sqrt(8 ln n / T), the tuned Hedge rate for the horizon)")]
    public double? Eta { get; init; }
}
