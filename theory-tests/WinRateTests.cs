using FsCheck;
using FsCheck.Fluent;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Property 1 (skew-symmetry) and the win-rate formula.</summary>
public sealed class WinRateTests
{
    [Fact]
    public void EveryPolicyBeatsItselfWithProbabilityOneHalf() => PropertyRunner.Check(
        Prop.ForAll(PolicyGen.GameAndPolicy.ToArbitrary(), t => t.Case.Game.Contexts.Select((c, i) =>
            Math.Abs(WinRate.Between(c, t.Policy[i], t.Policy[i]) - 0.5) <= 1e-12).All(ok => ok)),
        300);

    [Fact]
    public void WinRatesAreThePreferenceMatrixTimesThePolicy() => PropertyRunner.Check(
        Prop.ForAll(PolicyGen.GameAndPolicy.ToArbitrary(), t => t.Case.Game.Contexts.Select((c, i) =>
            (WinRate.Against(c, t.Policy[i]) - Direct.WinRates(c, t.Policy[i])).InfinityNorm() <= 1e-12).All(ok => ok)),
        300);
}
