using Rebel.Games.Randomness;

namespace Rebel.Games.Tests.Randomness;

public class SeededRandomTests
{
    [Fact]
    public void XoshiroStepMatchesTheReferenceSequenceFromState1234()
    {
        // Hand-computed from the xoshiro256** definition: out = rotl(s1·5, 7)·9, s1 = 2, 0, 262149.
        var rng = SeededRandom.FromState([1, 2, 3, 4, 0, 0]);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
    }

    [Fact]
    public void SeedingUsesSplitMix64()
    {
        // splitmix64 from seed 0: the published first outputs.
        var state = new SeededRandom(0).GetState();
        Assert.Equal(0xE220A8397B1DCDAFUL, state[0]);
        Assert.Equal(0x6E789E6AA1B965F4UL, state[1]);
    }

    [Fact]
    public void RestoredStateContinuesTheSameSequenceIncludingTheSpareGaussian()
    {
        var a = new SeededRandom(42);
        a.NextGaussian();
        var b = SeededRandom.FromState(a.GetState());
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.NextGaussian()), BitConverter.DoubleToInt64Bits(b.NextGaussian()));
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void NextIntIsUniformOverASmallRange()
    {
        var rng = new SeededRandom(7);
        const int n = 7, draws = 70_000;
        var counts = new int[n];
        for (int i = 0; i < draws; i++)
            counts[rng.NextInt(n)]++;
        // Chi-square with 6 degrees of freedom: 22.46 is its 0.999 quantile.
        double expected = (double)draws / n;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 22.46);
    }

    [Fact]
    public void NextIntStaysInRangeForTheLargestBound()
    {
        var rng = new SeededRandom(3);
        for (int i = 0; i < 1000; i++)
            Assert.InRange(rng.NextInt(int.MaxValue), 0, int.MaxValue - 1);
        Assert.Equal(0, rng.NextInt(1));
    }

    [Fact]
    public void NextDoubleAndNextGaussianHaveTheRightMoments()
    {
        var rng = new SeededRandom(11);
        const int draws = 200_000;
        double sumU = 0, sumG = 0, sumG2 = 0;
        for (int i = 0; i < draws; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0, 1 - 1e-17);
            sumU += u;
            double g = rng.NextGaussian();
            sumG += g;
            sumG2 += g * g;
        }
        // Standard errors: 0.29/√N ≈ 6.5e-4 for the uniform mean, 1/√N ≈ 2.2e-3 for the Gaussian mean, √2/√N for its variance.
        Assert.InRange(sumU / draws, 0.5 - 0.004, 0.5 + 0.004);
        Assert.InRange(sumG / draws, -0.012, 0.012);
        Assert.InRange(sumG2 / draws, 1 - 0.02, 1 + 0.02);
    }

    [Fact]
    public void PortableLogAgreesWithMathLogToAFewUlps()
    {
        var rng = new SeededRandom(5);
        double[] fixedPoints = [1, 2, 0.5, Math.E, 1e-300, 5e-324, 1e300, 0.7071067811865476, 1.4142135623730951];
        foreach (double x in fixedPoints.Concat(Enumerable.Range(0, 10_000).Select(_ => rng.NextDouble() + 1e-12)))
        {
            double expected = Math.Log(x);
            Assert.InRange(SeededRandom.PortableLog(x), expected - 4e-16 * Math.Max(1, Math.Abs(expected)), expected + 4e-16 * Math.Max(1, Math.Abs(expected)));
        }
        Assert.Equal(0.0, SeededRandom.PortableLog(1));
    }

    [Fact]
    public void ForkAndDistinctSeedsGiveDistinctStreams()
    {
        var a = new SeededRandom(1);
        var fork = a.Fork();
        var b = new SeededRandom(2);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(new SeededRandom(1).NextUInt64(), fork.NextUInt64());
    }

    [Fact]
    public void FromStateRejectsWrongLengthAndTheZeroState()
    {
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => SeededRandom.FromState([0, 0, 0, 0, 0, 0]));
    }
}
