using FsCheck;
using FsCheck.Fluent;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>The regularised-game algorithms reach the solver's certified equilibrium (docs/regularised-game.md).</summary>
public sealed class RegularisedAlgorithmTests
{
    private static readonly Gen<(GameCase Case, TabularPolicy Reference, double Tau)> Instances =
        from g in GameGen.Game(2, 2, 12)
        from reference in Gen.CollectToArray(g.Game.Contexts, c => PolicyGen.Interior(c.Count)).Select(ds => new TabularPolicy(ds))
        from tau in PolicyGen.Eta(0.1, 1)
        select (g, reference, tau);

    /// <summary>
    /// EGPO with η = 1/2 and INPO (online mirror descent) with η = τ/2, anchored to a random reference, have the
    /// regularised equilibrium as their unique fixed point (both steps are <c>log π ∝ log ρ + P π/τ</c> at rest) and
    /// contract toward it (EGPO's extragradient for any η ≤ 1/2 here; OMD when ηλ² &lt; 2τ for the game's
    /// eigenvalues λ ≤ 1/2): after <c>60/(ητ)</c> iterations the last iterate has <c>DG_τ ≤ 1e-9</c>.
    /// </summary>
    [Fact]
    public void EgpoAndInpoLastIteratesReachTheCertifiedEquilibrium() => PropertyRunner.Check(
        Prop.ForAll(Instances.ToArbitrary(), t =>
        {
            var game = t.Case.Game;
            var regularised = new RegularisedGame(game, t.Tau, t.Reference);
            var star = regularised.Solve().Policy;
            var egpo = new EgpoAlgorithm(game, 0.5, t.Tau);
            var inpo = new InpoAlgorithm(game, t.Tau / 2, t.Tau);
            egpo.AnchorTo(t.Reference);
            inpo.AnchorTo(t.Reference);
            Run(egpo, (int)Math.Ceiling(60 / (0.5 * t.Tau)));
            Run(inpo, (int)Math.Ceiling(60 / (t.Tau * t.Tau / 2)));
            double egpoGap = regularised.DualityGap(egpo.Current), inpoGap = regularised.DualityGap(inpo.Current);
            double distance = Enumerable.Range(0, game.Contexts.Count).Max(c => (egpo.Current[c] - star[c]).InfinityNorm());
            return (egpoGap <= 1e-9).Label($"EGPO's DG_τ = {egpoGap}")
                .And((inpoGap <= 1e-9).Label($"INPO's DG_τ = {inpoGap}"))
                .And((distance <= 1e-6).Label($"EGPO's last iterate is {distance} from π*"));
        }),
        100);

    private static void Run(ISelfPlayAlgorithm algorithm, int steps)
    {
        for (int s = 0; s < steps; s++)
            algorithm.Step();
    }
}
