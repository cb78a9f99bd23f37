namespace Rebel.Preference.Algorithms;

/// <summary>Options of Nash Mirror Prox, mirror prox on the τ-regularised game.</summary>
public sealed record NashMirrorProxOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<NashMirrorProxOptions>(
        "nash-mp",
        "Nash Mirror Prox: two proximal mirror steps from π_t on the τ-regularised game, the second with the first's win rates (exact)",
        (s, o) =>
        {
            s.Shared.RequireOnly("nash-mp", "it uses exact win rates (its sampled, policy-gradient form is not implemented)", "eta");
            return new NashMirrorProxAlgorithm(s.Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Tau);
        }) with { Order = 160, LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateRegularisedEquilibrium };

    /// <summary>Step size η; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/>.</summary>
    [Option("eta", "step size η (default: the shared --eta, else 1: its last-iterate promise needs a step that does not shrink with T)", Unset = "1")]
    public double? Eta { get; init; }

    /// <summary>Regularisation τ toward the reference policy.</summary>
    [Option("tau", "KL regularisation τ toward the reference policy")]
    public double Tau { get; init; } = 0.1;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<NashMirrorProxOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<NashMirrorProxOptions>.PositiveFinite(nameof(Tau), Tau);
    }
}
