namespace Rebel.Preference.Algorithms;

/// <summary>
/// Options of Magnetic Preference Optimisation (MPO; Wang et al., ICLR 2025, arXiv 2410.16714), exact tabular form:
/// magnetic mirror descent <c>π_{t+1} ∝ (π_t · μ^{ηα} · exp(η P π_t))^{1/(1+ηα)}</c> toward the magnet μ, which starts at
/// the reference policy and moves to the last iterate every <see cref="MagnetEvery"/> steps, so the last iterate
/// approaches the minimax winner of the unregularised game. That step is INPO's, and the magnet's moves are COMAL's
/// prox centre, so MPO runs <see cref="ComalAlgorithm"/> (α as its prox, the magnet period as its inner steps) with
/// MPO's own defaults; the paper's LLM implementation (token-level REINFORCE advantages) is not reproduced.
/// </summary>
public sealed record MpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<MpoOptions>(
        "mpo",
        "MPO: magnetic mirror descent toward a magnet that moves to the last iterate every --magnet-every steps; last iterate → minimax winner (exact)",
        (s, o) =>
        {
            s.Shared.RequireOnly("mpo", "it uses exact win rates (its sampled, policy-gradient form is not implemented)", "eta");
            return new ComalAlgorithm(s.Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Alpha, o.MagnetEvery, "mpo");
        }) with { Order = 170, LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateMinimaxWinner };

    /// <summary>Step size η; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/>.</summary>
    [Option("eta", "step size η (default: the shared --eta, else 1: its last-iterate promise needs a step that does not shrink with T)", Unset = "1")]
    public double? Eta { get; init; }

    /// <summary>Magnet strength α: the KL regularisation toward the magnet.</summary>
    [Option("alpha", "magnet strength α toward the magnet policy")]
    public double Alpha { get; init; } = 0.1;

    /// <summary>Steps between moves of the magnet to the last iterate.</summary>
    [Option("magnet-every", "steps between moves of the magnet to the last iterate")]
    public int MagnetEvery { get; init; } = 25;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<MpoOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<MpoOptions>.PositiveFinite(nameof(Alpha), Alpha);
        OptionChecks<MpoOptions>.AtLeast(nameof(MagnetEvery), MagnetEvery, 1);
    }
}
