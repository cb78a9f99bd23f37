namespace Rebel.Preference.Algorithms;

/// <summary>Options of REBEL (regression to relative rewards) on self-play win rates.</summary>
public sealed record RebelOptions
{
    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned <c>sqrt(8 ln n / T)</c>.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))")]
    public double? Eta { get; init; }

    /// <summary>Ridge λ of the exact least squares; tiny, so the solution is the minimum-norm one.</summary>
    [Option("ridge", "ridge λ of the exact least squares (0: minimum-norm through a gauge constraint)")]
    public double Ridge { get; init; } = 1e-9;

    /// <summary>AdamW decoupled weight decay toward π_t's parameters.</summary>
    [Option("weight-decay", "AdamW decoupled weight decay toward the current parameters (with --fit adamw)")]
    public double WeightDecay { get; init; }
}
