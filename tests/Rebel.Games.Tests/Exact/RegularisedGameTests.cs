using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;

namespace Rebel.Games.Tests.Exact;

public class RegularisedGameTests
{
    private static TabularGame TwoResponses(double p) =>
        TabularGame.Single("two", new GameContext("x0", 1, ["a", "b"], Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, p }, { 1 - p, 0.5 } })));

    [Theory]
    [InlineData(0.9, 0.1)]
    [InlineData(0.6, 0.01)]
    [InlineData(0.5, 1.0)]
    public void TwoResponseEquilibriumIsTheLogisticOfTheMarginOverTau(double p, double tau)
    {
        // (Pπ)_a − (Pπ)_b = p − 1/2 for every π, so π* ∝ exp(Pπ*/τ) gives π*(a) = σ((p − 1/2)/τ).
        var solution = new RegularisedGame(TwoResponses(p), tau).Solve();
        Assert.Equal(1 / (1 + Math.Exp(-(p - 0.5) / tau)), solution.Policy[0][0], 14);
        Assert.InRange(Math.Abs(solution.DualityGap), 0, RegularisedGame.CertificateTolerance);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.05)]
    public void GapOfRockAgainstRockPaperScissorsIsTheHandComputedSoftmaxValue(double tau)
    {
        // r = P δ_rock = (1/2, 1, 0); KL(δ_rock ‖ uniform) = ln 3; so
        // DG_τ = 2[τ ln((e^{1/(2τ)} + e^{1/τ} + 1)/3) + τ ln 3 − 1/2] = 2[τ ln(e^{1/(2τ)} + e^{1/τ} + 1) − 1/2].
        var game = GameSource.Load("rps");
        var rock = new TabularPolicy([Vector<double>.Build.Dense([1.0, 0, 0])]);
        var regularised = new RegularisedGame(game, tau);
        double expected = 2 * (tau * Math.Log(Math.Exp(0.5 / tau) + Math.Exp(1 / tau) + 1) - 0.5);
        Assert.Equal(expected, regularised.DualityGap(rock), 13);
        var response = regularised.BestResponse(rock)[0];
        double z = Math.Exp(0.5 / tau) + Math.Exp(1 / tau) + 1;
        Assert.Equal(Math.Exp(1 / tau) / z, response[1], 14);
        Assert.Equal(0, regularised.DualityGap(TabularPolicy.Uniform(game)), 15);
    }

    [Fact]
    public void SmallTauOnARandomGameIsSolvedWithACertificate()
    {
        var game = GameSource.Load("random:n=40");
        var solution = new RegularisedGame(game, 1e-3).Solve();
        Assert.InRange(Math.Abs(solution.DualityGap), 0, RegularisedGame.CertificateTolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void NonPositiveTauIsRefusedByName(double tau)
    {
        var e = Assert.Throws<ArgumentException>(() => new RegularisedGame(GameSource.Load("rps"), tau));
        Assert.StartsWith("Tau", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceWithAZeroProbabilityIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new RegularisedGame(GameSource.Load("rps"), 0.1, new TabularPolicy([Vector<double>.Build.Dense([0.5, 0.5, 0])])));
        Assert.StartsWith("Reference: context 'x0' gives response", e.Message, StringComparison.Ordinal);
    }
}
