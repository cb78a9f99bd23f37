namespace Rebel.Preference.Algorithms;

/// <summary>Options of COMAL, the prox outer loop around INPO.</summary>
public sealed record ComalOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<ComalOptions>(
        "comal",
        "COMAL: prox steps of --inner INPO iterations, the reference moving to the last iterate; last iterate → minimax winner (exact, or --loss sampled)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledComalAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Prox, o.Inner, s.Seed, s.Shared, oracle: s.Oracle)
            : new ComalAlgorithm(s.Exact<ComalOptions>(nameof(SelfPlayOptions.Eta)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Prox, o.Inner))
        with { Order = 140, SharedOptions = [nameof(SelfPlayOptions.Eta), .. PairwiseLossAlgorithm.PairOptions], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateMinimaxWinner };

    /// <summary>Step size η of the inner INPO steps; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/> (exact) or the tuned rate (sampled).</summary>
    [Option("eta", "step size η of the inner INPO steps (default: the shared --eta, else 1 for the exact form, whose last-iterate promise needs a step that does not shrink with T, and sqrt(8 ln n / T) for the sampled one)", Unset = "1 (exact), tuned (sampled)")]
    public double? Eta { get; init; }

    /// <summary>Regularisation of each prox step toward the moving reference (COMAL's τ; separate from the run's --tau).</summary>
    [Option("prox", "KL regularisation of each prox step toward the moving reference")]
    public double Prox { get; init; } = 0.2;

    /// <summary>INPO steps per prox step; then the reference moves to the last iterate.</summary>
    [Option("inner", "INPO iterations per prox step, after which the reference moves to the last iterate")]
    public int Inner { get; init; } = 50;

    /// <summary>Exact win rates, or INPO's sampled square loss toward the moving centre (one gradient step of <c>--lr</c> per iteration).</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the paper's sampled loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<ComalOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<ComalOptions>.PositiveFinite(nameof(Prox), Prox);
        OptionChecks<ComalOptions>.AtLeast(nameof(Inner), Inner, 1);
    }
}
