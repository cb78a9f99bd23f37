using Rebel.Games.Exact;
using Rebel.Games.Linear;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

public class FusedHedgeTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    public void StepIsTheNormalisedMultiplicativeWeightsStepWithItsRegretSums(int n)
    {
        var random = new Random(n);
        var weights = Enumerable.Range(0, n).Select(_ => 0.1 + random.NextDouble()).ToArray();
        double total = weights.Sum();
        var pi = weights.Select(v => v / total).ToArray();
        var oldLog = pi.Select(v => Math.Log(v)).ToArray();
        // The state is known up to a constant: start from log π + 3.7, whose normaliser is 3.7.
        var log = oldLog.Select(v => v + 3.7).ToArray();
        double normaliser = 3.7;
        var policy = (double[])pi.Clone();
        var r = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var winRateSums = Enumerable.Range(0, n).Select(i => 3.0 + i % 4).ToArray();
        var policySums = Enumerable.Range(0, n).Select(i => 1.0 + i).ToArray();
        double eta = 2;
        var reference = Enumerable.Range(0, n).Select(i => Math.Log((1.0 + i) / (n * (n + 1) / 2.0))).ToArray();
        var step = Step(log, policy, r, eta, ref normaliser, winRateSums, policySums, 5, reference);

        var unnormalised = Enumerable.Range(0, n).Select(i => pi[i] * Math.Exp(eta * r[i])).ToArray();
        double z = unnormalised.Sum();
        double kl = 0, entropy = 0, klReference = 0;
        for (int i = 0; i < n; i++)
        {
            double q = unnormalised[i] / z;
            Assert.Equal(Math.Log(q), log[i] - normaliser, 1e-14);
            Assert.Equal(q, policy[i], 1e-15);
            Assert.Equal(3.0 + i % 4 + r[i], winRateSums[i], 15);
            Assert.Equal(1.0 + i + pi[i], policySums[i], 15);
            kl += q * (Math.Log(q) - oldLog[i]);
            entropy -= q * Math.Log(q);
            klReference += q * (Math.Log(q) - reference[i]);
        }
        Assert.Equal(kl, step.KlStep, 1e-14);
        Assert.Equal(entropy, step.Entropy, 1e-14);
        Assert.Equal(klReference, step.KlToReference, 1e-14);
        Assert.True(klReference > 1e-3, "a reference away from the iterate has a positive KL");
        Assert.Equal(winRateSums.Max(), step.BestWinRateSum);
        Assert.Equal(5 + pi.Zip(r, (p, v) => p * v).Sum(), step.PlayedSum, 1e-14);
        // The new state's largest entry is 0, and the policy a restored run forms from it is the same to the bit.
        Assert.Equal(0, log.Max());
        var restored = new double[n];
        Assert.Equal(normaliser, FusedHedge.Policy(log, restored));
        Assert.Equal(policy, restored);
    }

    [Theory]
    [InlineData(800)] // exp(u) alone would overflow
    [InlineData(-800)] // and here underflow to 0
    [InlineData(0)]
    public void PolicyTakesLogsUpToAnyConstant(double offset)
    {
        double[] pi = [0.1, 0.2, 0.3, 0.15, 0.25];
        var policy = new double[5];
        double normaliser = FusedHedge.Policy(pi.Select(v => Math.Log(v) + offset).ToArray(), policy);
        Assert.Equal(offset, normaliser, 1e-12);
        // Adding 800 to a log rounds it to 800 · 2^-52 ≈ 1.8e-13.
        for (int i = 0; i < 5; i++)
            Assert.Equal(pi[i], policy[i], 1e-12);
    }

    [Fact]
    public void StepKeepsZeroProbabilitiesAtZero()
    {
        double[] log = [double.NegativeInfinity, Math.Log(0.25), Math.Log(0.75)];
        double[] pi = [0, 0.25, 0.75];
        double normaliser = 0;
        var step = Step(log, pi, [1, 0, 0], 1, ref normaliser, new double[3], new double[3], 0, [double.NegativeInfinity, Math.Log(0.5), Math.Log(0.5)]);
        Assert.Equal(double.NegativeInfinity, log[0]);
        Assert.Equal(Math.Log(0.25), log[1] - normaliser, 1e-15);
        Assert.Equal(0, pi[0]);
        Assert.Equal(0.25, pi[1], 1e-15);
        Assert.Equal(0.75, pi[2], 1e-15);
        Assert.Equal(0, step.KlStep, 1e-15);
        Assert.Equal(-(0.25 * Math.Log(0.25) + 0.75 * Math.Log(0.75)), step.Entropy, 1e-14);
        Assert.Equal(0, step.PlayedSum);
        Assert.Equal(0.25 * Math.Log(0.5) + 0.75 * Math.Log(1.5), step.KlToReference, 1e-14);
    }

    // One context's step as MirrorDescent runs it: the first pass, the exponentials, the last pass.
    private static HedgeContextStep Step(double[] log, double[] policy, double[] r, double eta, ref double normaliser,
        double[] winRateSums, double[] policySums, double playedSum, double[] reference)
    {
        var advance = FusedHedge.Advance(log, policy, r, eta, winRateSums, policySums);
        var exponentials = new double[log.Length];
        double z = VectorExp.Exp(log, advance.Top, exponentials);
        return FusedHedge.Finish(log, policy, r, eta, advance, z, Math.Log(z), ref normaliser, exponentials, reference, playedSum);
    }
}
