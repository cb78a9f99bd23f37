using Rebel.Preference.Objectives;
using Xunit;

namespace Rebel.Preference.Tests.Objectives;

public class SelfPlayObjectiveTests
{
    public static TheoryData<string> Objectives => new() { "rebel", "sppo", "dpo", "ipo" };

    private static SelfPlayObjective Create(string name) => name switch
    {
        "rebel" => new RebelObjective(0.7),
        "sppo" => new SppoObjective(0.7),
        "dpo" => new LogisticPairObjective(1.3),
        _ => SquarePairObjective.Ipo(0.4),
    };

    // A group of K = 4 with win rates and a complete, skew-symmetric outcome matrix.
    private static (double[] Rho, double[] WinRate, double[] Outcome) Group(int seed)
    {
        var random = new Random(seed);
        const int k = 4;
        var rho = Enumerable.Range(0, k).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var outcome = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
            {
                double p = i == j ? 0.5 : random.NextDouble();
                (outcome[i * k + j], outcome[j * k + i]) = (p, 1 - p);
            }
        var winRate = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Where(j => j != i).Average(j => outcome[i * k + j])).ToArray();
        return (rho, winRate, outcome);
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void GradientMatchesCentralDifferences(string name)
    {
        var objective = Create(name);
        for (int seed = 0; seed < 20; seed++)
        {
            var (rho, winRate, outcome) = Group(seed);
            var gradient = new double[rho.Length];
            objective.Loss(rho, winRate, outcome, gradient);
            for (int i = 0; i < rho.Length; i++)
            {
                const double h = 1e-6;
                var plus = (double[])rho.Clone();
                var minus = (double[])rho.Clone();
                plus[i] += h;
                minus[i] -= h;
                var scratch = new double[rho.Length];
                double numeric = (objective.Loss(plus, winRate, outcome, scratch) - objective.Loss(minus, winRate, outcome, scratch)) / (2 * h);
                Assert.Equal(numeric, gradient[i], 1e-7);
            }
        }
    }

    [Fact]
    public void RebelIsMinimisedByTheMirrorDescentStep()
    {
        // With every response once and exact win rates, ρ = η r (+ any constant) zeroes REBEL's loss: π_{t+1} ∝ π_t e^{ηr}.
        var (_, winRate, outcome) = Group(3);
        var objective = new RebelObjective(0.7);
        var gradient = new double[winRate.Length];
        var step = winRate.Select(r => 0.7 * r + 5).ToArray();
        Assert.Equal(0, objective.Loss(step, winRate, outcome, gradient), 1e-24);
        Assert.All(gradient, g => Assert.Equal(0, g, 1e-12));
        var moved = (double[])step.Clone();
        moved[0] += 0.1;
        Assert.True(objective.Loss(moved, winRate, outcome, gradient) > 1e-3);
    }

    [Fact]
    public void KnownAnswers()
    {
        // K = 2, ρ = (0.2, −0.1), r = (0.6, 0.4), o_01 = 0.75.
        double[] rho = [0.2, -0.1], winRate = [0.6, 0.4], outcome = [0.5, 0.75, 0.25, 0.5];
        var gradient = new double[2];
        // REBEL, η = 0.5: (0.3/0.5 − 0.2)² = 0.16; ∂/∂ρ_0 = 2·0.4/0.5 = 1.6.
        Assert.Equal(0.16, new RebelObjective(0.5).Loss(rho, winRate, outcome, gradient), 1e-15);
        Assert.Equal([1.6, -1.6], gradient, (a, b) => Math.Abs(a - b) < 1e-14);
        // SPPO, η = 0.5: mean of (0.2 − 0.05)² and (−0.1 + 0.05)² = (0.0225 + 0.0025)/2.
        Assert.Equal(0.0125, new SppoObjective(0.5).Loss(rho, winRate, outcome, gradient), 1e-15);
        Assert.Equal([0.15, -0.05], gradient, (a, b) => Math.Abs(a - b) < 1e-14);
        // DPO, β = 2: 0.75·softplus(−0.6) + 0.25·softplus(0.6).
        double expected = 0.75 * Math.Log(1 + Math.Exp(-0.6)) + 0.25 * Math.Log(1 + Math.Exp(0.6));
        Assert.Equal(expected, new LogisticPairObjective(2).Loss(rho, winRate, outcome, gradient), 1e-14);
        // IPO, τ = 0.5: (0.3 − (0.75 − 0.5)/0.5)² = 0.04.
        Assert.Equal(0.04, SquarePairObjective.Ipo(0.5).Loss(rho, winRate, outcome, gradient), 1e-15);
    }

    [Fact]
    public void UnqueriedPairsAndMissingEstimatesAreSkipped()
    {
        double[] rho = [0.2, -0.1, 0.4], winRate = [0.6, double.NaN, 0.4];
        double[] outcome = [0.5, double.NaN, 0.9, double.NaN, 0.5, double.NaN, 0.1, double.NaN, 0.5];
        var gradient = new double[3];
        // Only pair (0, 2) has a label: IPO τ = 1: (−0.2 − 0.4)² = 0.36.
        Assert.Equal(0.36, SquarePairObjective.Ipo(1).Loss(rho, winRate, outcome, gradient), 1e-15);
        Assert.Equal(0, gradient[1]);
        // SPPO skips response 1, whose estimate is missing.
        new SppoObjective(1).Loss(rho, winRate, outcome, gradient);
        Assert.Equal(0, gradient[1]);
        Assert.Throws<ArgumentException>(() => new SppoObjective(1).Loss(rho, winRate, outcome.AsSpan(0, 4), gradient));
    }

    [Fact]
    public void TheAnchorOfTheLogRatiosIsTheIterateForRegressionsAndTheReferenceForTheDpoFamily()
    {
        Assert.Equal(0, new RebelObjective(1).ReferenceWeight);
        Assert.Equal(0, new SppoObjective(1).ReferenceWeight);
        Assert.Equal(1, new LogisticPairObjective(1).ReferenceWeight);
        Assert.Equal(1, SquarePairObjective.Ipo(1).ReferenceWeight);
        Assert.Equal(0.25, new SquarePairObjective(1, referenceWeight: 0.25).ReferenceWeight);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SquarePairObjective(1, referenceWeight: 1.5));
    }
}
