using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference.Tests.Algorithms;

/// <summary>
/// Issue 9 §4, by hand: one sampled step of each win-rate baseline on a two-response game where A always beats B,
/// from uniform, K = 2, exact feedback, the default baseline b = 1/2 (from uniform the exploration mixture is uniform,
/// so γ changes nothing and every inclusion probability is Kμ = 1). Self-play draws (A, B) in either order give
/// <c>r̃ = (1, 0)</c> and (A, A) or (B, B) give <c>(1/2, 1/2)</c>, so the estimated win-rate gap is 1 or 0. Against
/// another policy q both samples meet the same two opponents z, and <c>o(A, z) − o(B, z) = 1/2</c> for every z, so the
/// gap <c>r̃(A) − r̃(B)</c> is 0, 1/2 or 1. Each test checks the logit gap <c>d = θ_A − θ_B</c> after one step against
/// these hand-computed values over 20 seeds, and that more than one of them occurs.
/// </summary>
public class SampledBaselineTests
{
    private const double Eta = 0.4;

    private static readonly TabularGame Dominance = TabularGame.Single("dominance",
        new GameContext("x0", 1, ["A", "B"], Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, 1.0 }, { 0.0, 0.5 } })));

    [Fact]
    public void OmwuFirstStepIsAMirrorStepOnTheEstimate() =>
        // g_{−1} = g_0, so d = η(2g − g) = η Δg.
        AssertGaps("omwu", null, [0, Eta]);

    [Fact]
    public void MmdFirstStepShrinksTheEstimateByTheMagnet() =>
        // From π_ref = π_0 the magnet term is a constant: d = η Δg / (1 + ηα).
        AssertGaps("mmd", new MagneticMirrorDescentOptions { Alpha = 0.5 }, [0, Eta / (1 + Eta * 0.5)]);

    [Fact]
    public void NashMdFirstStepUsesWinRatesSampledAgainstTheMixture() =>
        // From uniform the geometric mixture is uniform: d = η (r̃(A) − r̃(B)) with the cross estimate.
        AssertGaps("nash-md", null, [0, Eta / 2, Eta]);

    [Fact]
    public void ExtragradientFullStepUsesWinRatesSampledAgainstTheHalfStep() =>
        // τ = 0: d = η (r̃(A) − r̃(B)) against π_{t+½}, whatever the half step was.
        AssertGaps("extragradient", null, [0, Eta / 2, Eta]);

    [Fact]
    public void NashMirrorProxFullStepIsProximalWithWinRatesSampledAgainstTheHalfStep()
    {
        // From π_ref = π_0 = uniform the anchor terms are constants: d = η/(1+ητ) (r̃(A) − r̃(B)) against π_{t+½}.
        const double tau = 0.5;
        double scale = Eta / (1 + Eta * tau);
        AssertGaps("nash-mp", new NashMirrorProxOptions { Tau = tau, Loss = LossKind.Sampled }, [0, scale / 2, scale]);
    }

    [Fact]
    public void FictitiousPlayFirstBestResponseIsA()
    {
        // The tracked gap is 1 or 0; a tie goes to the first response, so the best response is A either way and the
        // belief is (1/2)·uniform + (1/2)·e_A = (3/4, 1/4): d = ln 3 for every seed.
        for (ulong seed = 0; seed < 20; seed++)
            Assert.Equal(Math.Log(3), Gap("fictitious-play", null, seed), 12);
    }

    private static void AssertGaps(string algorithm, object? options, double[] allowed)
    {
        var seen = new HashSet<double>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            double gap = Gap(algorithm, options, seed);
            double match = allowed.FirstOrDefault(a => Math.Abs(a - gap) < 1e-12, double.NaN);
            Assert.False(double.IsNaN(match), $"seed {seed}: d = {gap} is none of {string.Join(", ", allowed)}");
            seen.Add(match);
        }
        Assert.True(seen.Count > 1, $"only {string.Join(", ", seen)} occurred over 20 seeds");
    }

    private static double Gap(string algorithm, object? options, ulong seed)
    {
        // Fictitious play has no step size and refuses one.
        double? eta = algorithm == "fictitious-play" ? null : Eta;
        var run = Play.Create(algorithm, Dominance, 10, seed, new SelfPlayOptions { Samples = SampleCount.Of(2), Eta = eta }, options);
        run.Step();
        var pi = run.Current[0];
        return Math.Log(pi[0]) - Math.Log(pi[1]);
    }
}
