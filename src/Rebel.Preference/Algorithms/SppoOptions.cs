namespace Rebel.Preference.Algorithms;

/// <summary>Options of self-play preference optimisation.</summary>
public sealed record SppoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<SppoOptions>(
        "sppo",
        "SPPO: per-sample square loss to η(r̂ − 1/2), the log-normaliser approximated by η/2",
        (s, o) => new SppoAlgorithm(s.Game, s.ResolveEta(o.Eta), s.Seed, s.Shared, oracle: s.Oracle)) with { Order = 30, SharedOptions = [nameof(SelfPlayOptions.Eta), nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.Offline)], Guarantee = Guarantee.None };

    /// <summary>Step size η; null means the shared <c>--eta</c> or the tuned rate.</summary>
    [Option("eta", "step size η (default: the shared --eta, else sqrt(8 ln n / T))", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<SppoOptions>.PositiveFinite(nameof(Eta), Eta);
    }
}
