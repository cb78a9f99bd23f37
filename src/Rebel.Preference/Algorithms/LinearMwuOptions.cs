namespace Rebel.Preference.Algorithms;

/// <summary>Options of the linear multiplicative weights update on exact win rates.</summary>
public sealed record LinearMwuOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<LinearMwuOptions>(
        "linear-mwu",
        "multiplicative weights, linear form: π_{t+1} ∝ π_t (1 + η(r_t − 1/2)) on exact win rates; average-iterate gap ≤ 2 ln n/(ηT) + η/2",
        (s, o) => new LinearMwuAlgorithm(s.Game, s.ResolveEta(o.Eta, LinearMwuAlgorithm.TunedEta(s.Game, s.Iterations))))
        with { Order = 15, LearnsFromExactWinRates = true, Guarantee = Guarantee.AverageIterateMinimaxWinner, SharedOptions = [nameof(SelfPlayOptions.Eta)] };

    /// <summary>Step size η in (0, 1]; null means the shared <c>--eta</c>, else <c>min(1, 2 sqrt(ln n / T))</c>.</summary>
    [Option("eta", "step size η in (0, 1] (default: the shared --eta, else min(1, 2 sqrt(ln n / T)), which minimises the bound)", Unset = "tuned")]
    public double? Eta { get; init; }

    /// <inheritdoc/>
    public void Validate() => OptionChecks<LinearMwuOptions>.PositiveFinite(nameof(Eta), Eta);
}
