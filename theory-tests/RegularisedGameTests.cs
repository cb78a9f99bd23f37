using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>
/// The KL-regularised game <c>f(π, π′) = P(π ≻ π′) − τ KL(π‖ρ) + τ KL(π′‖ρ)</c> (docs/regularised-game.md): its gap,
/// its closed-form best response, its certified equilibrium, and the limit τ → 0.
/// </summary>
public sealed class RegularisedGameTests
{
    private static readonly Gen<(GameCase Case, TabularPolicy Reference, double Tau, TabularPolicy Policy, TabularPolicy Other)> Instances =
        from g in GameGen.Game(3, 2, 64)
        from reference in Gen.CollectToArray(g.Game.Contexts, c => PolicyGen.Interior(c.Count)).Select(ds => new TabularPolicy(ds))
        from tau in PolicyGen.Eta(1e-3, 10)
        from p in PolicyGen.For(g.Game)
        from q in PolicyGen.For(g.Game)
        select (g, reference, tau, p, q);

    /// <summary>
    /// <c>f(π, π′)</c> of one context, written out from its definition (0 log 0 = 0); the reference has no zeros.
    /// </summary>
    private static double Payoff(GameContext context, Vector<double> p, Vector<double> q, Vector<double> reference, double tau) =>
        p.DotProduct(Direct.WinRates(context, q)) - tau * Kl(p, reference) + tau * Kl(q, reference);

    private static double Kl(Vector<double> p, Vector<double> q) =>
        Enumerable.Range(0, p.Count).Where(i => p[i] > 0).Sum(i => p[i] * Math.Log(p[i] / q[i]));

    /// <summary>
    /// <c>DG_τ(π) = 2 E_x[max_σ f(σ, π) − 1/2]</c> with the maximiser <c>σ = softmax(log ρ + Pπ/τ)</c>: the library's gap
    /// equals the payoff of its best response computed from the definition, no other policy does better against π,
    /// and the gap is non-negative because σ = π already earns <c>f(π, π) = 1/2</c>.
    /// </summary>
    [Fact]
    public void RegularisedGapIsTheClosedFormBestResponsesAdvantageAndNonNegative() => PropertyRunner.Check(
        Prop.ForAll(Instances.ToArbitrary(), t =>
        {
            var game = new RegularisedGame(t.Case.Game, t.Tau, t.Reference);
            double gap = game.DualityGap(t.Policy);
            var response = game.BestResponse(t.Policy);
            double direct = Direct.Expect(t.Case.Game, (c, i) => 2 * (Payoff(c, response[i], t.Policy[i], t.Reference[i], t.Tau) - 0.5));
            double other = Direct.Expect(t.Case.Game, (c, i) => 2 * (Payoff(c, t.Other[i], t.Policy[i], t.Reference[i], t.Tau) - 0.5));
            return (gap >= -1e-12).Label($"DG_τ = {gap} < 0")
                .And((Math.Abs(gap - direct) <= 1e-9 * (1 + Math.Abs(direct))).Label($"DG_τ = {gap}, best response earns {direct}"))
                .And((other <= gap + 1e-9).Label($"another policy earns {other} > DG_τ = {gap}"));
        }),
        200);

    /// <summary>
    /// The solver's equilibrium is certified (<c>DG_τ(π*) ≤ 1e-12</c>) and is the fixed point <c>π* = softmax(log ρ + Pπ*/τ)</c>;
    /// it is the only zero of the gap, quantitatively <c>DG_τ(π) ≥ 2τ KL(π ‖ π*)</c> (f(·, π*) is maximised at π* with
    /// <c>f(π*, π*) − f(π, π*) = τ KL(π ‖ π*)</c>, and <c>f(π*, π) = 1 − f(π, π*)</c>).
    /// </summary>
    [Fact]
    public void SolverReturnsTheUniqueEquilibriumWithCertificate() => PropertyRunner.Check(
        Prop.ForAll(Instances.ToArbitrary(), t =>
        {
            var game = new RegularisedGame(t.Case.Game, t.Tau, t.Reference);
            var solution = game.Solve();
            var star = solution.Policy;
            double recomputed = game.DualityGap(star);
            var response = game.BestResponse(star);
            double fixedPoint = Enumerable.Range(0, star.ContextCount).Max(c => (star[c] - response[c]).InfinityNorm());
            double gap = game.DualityGap(t.Policy);
            double bound = Direct.Expect(t.Case.Game, (c, i) => 2 * t.Tau * Kl(t.Policy[i], star[i]));
            return (Math.Abs(solution.DualityGap) <= RegularisedGame.CertificateTolerance).Label($"certificate DG_τ(π*) = {solution.DualityGap}")
                .And((solution.DualityGap == recomputed).Label($"reported {solution.DualityGap}, recomputed {recomputed}"))
                .And((fixedPoint <= 1e-8).Label($"π* differs from its best response by {fixedPoint}"))
                .And((gap >= bound - 1e-9).Label($"DG_τ(π) = {gap} < 2τ KL(π‖π*) = {bound}"));
        }),
        200);

    private static readonly Gen<(GameCase Case, TabularPolicy Reference, double Tau, TabularPolicy Policy)> SmallTau =
        from g in GameGen.Game(3, 2, 32)
        from reference in Gen.CollectToArray(g.Game.Contexts, c => PolicyGen.Interior(c.Count)).Select(ds => new TabularPolicy(ds))
        from tau in PolicyGen.Eta(1e-6, 1e-1)
        from p in PolicyGen.For(g.Game)
        select (g, reference, tau, p);

    /// <summary>
    /// τ → 0 recovers the unregularised game: <c>τ log Σ ρ e^{r/τ}</c> lies between <c>max r + τ log ρ_min</c> and
    /// <c>max r</c>, so <c>2τ log ρ_min ≤ DG_τ(π) − DG(π) ≤ 2τ KL(π‖ρ)</c>; at the equilibrium (KL(π*‖ρ) ≥ 0 and
    /// DG_τ(π*) = 0) this gives <c>DG(π*_τ) ≤ 2τ log(1/ρ_min)</c>: the regularised equilibria are minimax winners up to
    /// O(τ), and converge to the minimax winner where it is unique.
    /// </summary>
    [Fact]
    public void VanishingRegularisationRecoversTheMinimaxWinner() => PropertyRunner.Check(
        Prop.ForAll(SmallTau.ToArbitrary(), t =>
        {
            var game = new RegularisedGame(t.Case.Game, t.Tau, t.Reference);
            var g = t.Case.Game;
            double logMin = Direct.Expect(g, (c, i) => Math.Log(t.Reference[i].Minimum()));
            double difference = game.DualityGap(t.Policy) - DualityGap.Of(g, t.Policy);
            double kl = Direct.Expect(g, (c, i) => Kl(t.Policy[i], t.Reference[i]));
            var solution = game.Solve();
            double minimaxGap = DualityGap.Of(g, solution.Policy);
            return (difference >= 2 * t.Tau * logMin - 1e-12 && difference <= 2 * t.Tau * kl + 1e-12)
                    .Label($"DG_τ − DG = {difference} outside [{2 * t.Tau * logMin}, {2 * t.Tau * kl}]")
                .And((minimaxGap <= -2 * t.Tau * logMin + 1e-12).Label($"DG(π*_τ) = {minimaxGap} > 2τ log(1/ρ_min) = {-2 * t.Tau * logMin}"))
                .And((Math.Abs(solution.DualityGap) <= RegularisedGame.CertificateTolerance).Label($"certificate DG_τ(π*) = {solution.DualityGap} at τ = {t.Tau}"));
        }),
        200);
}
