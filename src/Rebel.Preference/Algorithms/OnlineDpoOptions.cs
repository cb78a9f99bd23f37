namespace Rebel.Preference.Algorithms;

/// <summary>Options of online (iterative) DPO.</summary>
public sealed record OnlineDpoOptions
{
    /// <summary>Inverse temperature β of the implicit reward <c>β ln π/π_ref</c>.</summary>
    [Option("beta", "DPO inverse temperature β of the implicit reward β ln(π/π_ref)")]
    public double Beta { get; init; } = 0.1;
}
