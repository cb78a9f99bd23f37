namespace Rebel.Preference.Algorithms;

/// <summary>Options of online (iterative) DPO.</summary>
public sealed record OnlineDpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<OnlineDpoOptions>(
        "online-dpo",
        "online DPO: logistic loss on sampled, oracle-labelled pairs, one gradient step of --lr per iteration",
        (s, o) => new OnlineDpoAlgorithm(s.Game, s.Seed, s.Shared, o.Beta, oracle: s.Oracle)) with { Order = 80, SharedOptions = PairwiseLossAlgorithm.PairOptions };

    /// <summary>Inverse temperature β of the implicit reward <c>β ln π/π_ref</c>.</summary>
    [Option("beta", "DPO inverse temperature β of the implicit reward β ln(π/π_ref)")]
    public double Beta { get; init; } = 0.1;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<OnlineDpoOptions>.PositiveFinite(nameof(Beta), Beta);
    }
}
