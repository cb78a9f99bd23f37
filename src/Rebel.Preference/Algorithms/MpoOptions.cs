namespace Rebel.Preference.Algorithms;

/// <summary>
/// Options of Magnetic Preference Optimisation (MPO; Wang et al., ICLR 2025, arXiv 2410.16714), exact tabular form:
/// magnetic mirror descent <c>π_{t+1} ∝ (π_t · μ^{ηα} · exp(η P π_t))^{1/(1+ηα)}</c> toward the magnet μ, which starts at
/// the reference policy and moves to the last iterate every <see cref="MagnetEvery"/> steps, so the last iterate
/// approaches the minimax winner of the unregularised game. That step is INPO's, and the magnet's moves are COMAL's
/// prox centre, so MPO runs <see cref="ComalAlgorithm"/> (α as its prox, the magnet period as its inner steps) with
/// MPO's own defaults. Its sampled form (<c>--loss sampled</c>), the paper's practical algorithm on a tabular policy —
/// a gradient step per iteration of the magnetic loss on oracle-labelled pairs, the magnet moving as above — is
/// <see cref="SampledComalAlgorithm"/>'s loop; the paper's token-level REINFORCE advantages for an LLM are not reproduced.
/// </summary>
public sealed record MpoOptions : IAlgorithmOptions
{
    /// <inheritdoc/>
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<MpoOptions>(
        "mpo",
        "MPO: magnetic mirror descent toward a magnet that moves to the last iterate every --magnet-every steps; last iterate → minimax winner (exact, or --loss sampled)",
        (s, o) => o.Loss == LossKind.Sampled
            ? new SampledComalAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Alpha, o.MagnetEvery, s.Seed, s.Shared, oracle: s.Oracle, name: "mpo")
            : new ComalAlgorithm(s.Exact<MpoOptions>(nameof(SelfPlayOptions.Eta)).Game, s.ResolveEta(o.Eta, AlgorithmSetup.LastIterateEta), o.Alpha, o.MagnetEvery, "mpo")) with { Order = 170, SharedOptions = [nameof(SelfPlayOptions.Eta), .. PairwiseLossAlgorithm.PairOptions], LearnsFromExactWinRates = true, Guarantee = Guarantee.LastIterateMinimaxWinner };

    /// <summary>Step size η; null means the shared <c>--eta</c>, else <see cref="AlgorithmSetup.LastIterateEta"/> (exact) or the tuned rate (sampled).</summary>
    [Option("eta", "step size η (default: the shared --eta, else 1 for the exact form, whose last-iterate promise needs a step that does not shrink with T, and sqrt(8 ln n / T) for the sampled one)", Unset = "1 (exact), tuned (sampled)")]
    public double? Eta { get; init; }

    /// <summary>Magnet strength α: the KL regularisation toward the magnet.</summary>
    [Option("alpha", "magnet strength α toward the magnet policy")]
    public double Alpha { get; init; } = 0.1;

    /// <summary>Steps between moves of the magnet to the last iterate.</summary>
    [Option("magnet-every", "steps between moves of the magnet to the last iterate")]
    public int MagnetEvery { get; init; } = 25;

    /// <summary>Exact win rates, or the magnetic square loss on oracle-labelled pairs (one gradient step of <c>--lr</c> per iteration).</summary>
    [Option("loss", "exact: the update from exact win rates; sampled: the magnetic loss on --samples responses per context")]
    public LossKind Loss { get; init; } = LossKind.Exact;

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<MpoOptions>.PositiveFinite(nameof(Eta), Eta);
        OptionChecks<MpoOptions>.PositiveFinite(nameof(Alpha), Alpha);
        OptionChecks<MpoOptions>.AtLeast(nameof(MagnetEvery), MagnetEvery, 1);
    }
}
