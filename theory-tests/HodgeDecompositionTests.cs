using FsCheck;
using FsCheck.Fluent;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Property 10: the Hodge decomposition of the margin is orthogonal and vanishes on Bradley–Terry logits.</summary>
public sealed class HodgeDecompositionTests
{
    private static readonly Gen<GameCase> Contexts = GameGen.Game(1, 2, 64);

    /// <summary>
    /// <c>grad + rot = A</c>, <c>⟨grad, rot⟩_F = 0</c> (rot has zero row sums, grad is <c>d 1ᵀ − 1 dᵀ</c>), so
    /// <c>‖A‖² = ‖grad‖² + ‖rot‖²</c>, and the cyclic share is <c>‖rot‖²/‖A‖²</c>.
    /// </summary>
    [Fact]
    public void GradientAndRotationalPartsAreOrthogonalAndTheirSquaredNormsAdd() => PropertyRunner.Check(
        Prop.ForAll(Contexts.ToArbitrary(), g =>
        {
            var a = g.Game.Contexts[0].Preference - 0.5;
            var h = HodgeDecomposition.OfMargin(g.Game.Contexts[0]);
            double total = Math.Pow(a.FrobeniusNorm(), 2), grad = Math.Pow(h.Gradient.FrobeniusNorm(), 2), rot = Math.Pow(h.Rotational.FrobeniusNorm(), 2);
            double inner = h.Gradient.PointwiseMultiply(h.Rotational).Enumerate().Sum();
            double share = total == 0 ? 0 : rot / total;
            return ((h.Gradient + h.Rotational - a).InfinityNorm() <= 1e-12).Label("grad + rot ≠ A")
                .And((Math.Abs(inner) <= 1e-12 * Math.Max(1, total)).Label($"⟨grad, rot⟩ = {inner}"))
                .And((Math.Abs(total - grad - rot) <= 1e-12 * Math.Max(1, total)).Label($"‖A‖²={total}, ‖grad‖²+‖rot‖²={grad + rot}"))
                .And((Math.Abs(h.CyclicShare - share) <= 1e-12).Label($"share {h.CyclicShare} vs {share}"));
        }),
        300);

    /// <summary>For <c>P = σ(u_i − u_j)</c> the logit is exactly the gradient <c>u_i − u_j</c>: the rotational part is zero.</summary>
    [Fact]
    public void RotationalPartOfBradleyTerryLogitsVanishes() => PropertyRunner.Check(
        Prop.ForAll(GameGen.Game(1, 2, 64, Gen.Constant(PreferenceShape.BradleyTerry)).ToArbitrary(), g =>
        {
            var h = HodgeDecomposition.OfLogit(g.Game.Contexts[0]);
            double rot = h.Rotational.InfinityNorm();
            return (rot <= 1e-9).Label($"‖rot‖∞ = {rot}").And((h.CyclicShare <= 1e-18).Label($"share {h.CyclicShare}"));
        }),
        300);
}
