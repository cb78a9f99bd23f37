using Rebel.Games.Exact;
using Rebel.Games.Utils;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

public class MirrorDescentTests
{
    [Fact]
    public void AverageIterateOnRpsApproachesUniformWhileLastIterateDoesNotStart()
    {
        var game = GameZoo.Create("rps");
        var start = new TabularPolicy([MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.6, 0.3, 0.1])]);
        int horizon = 2000;
        var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon), start);
        MirrorDescentStep last = default;
        for (int t = 0; t < horizon; t++)
            last = md.Step();
        Assert.Equal(horizon, last.Iteration);
        // Hedge bound on the average iterate: DG ≤ sqrt(2 ln n / T).
        Assert.InRange(last.DualityGapAverage, 0, Math.Sqrt(2 * Math.Log(3) / horizon));
        Assert.Equal(last.DualityGapAverage, DualityGap.Of(game, md.Average), 12);
        Assert.Equal(2 * last.AverageRegret, last.DualityGapAverage, 12);
    }

    [Fact]
    public void StepsMatchANaiveHedgeReferenceAcrossContexts()
    {
        var game = new TabularGame("g", [Renamed(RandomSkewGame.Create(5, 1), 0), Renamed(RandomSkewGame.Create(17, 2).WithWeight(3), 1)]);
        double eta = 0.7;
        var md = new MirrorDescent(game, eta);
        var reference = game.Contexts.Select(c => Enumerable.Repeat(1.0 / c.Count, c.Count).ToArray()).ToArray();
        for (int t = 0; t < 60; t++)
        {
            md.Step();
            for (int c = 0; c < reference.Length; c++)
            {
                var p = game.Contexts[c].Preference;
                var pi = reference[c];
                var next = Enumerable.Range(0, pi.Length).Select(i => pi[i] * Math.Exp(eta * Enumerable.Range(0, pi.Length).Sum(j => p[i, j] * pi[j]))).ToArray();
                double z = next.Sum();
                reference[c] = next.Select(v => v / z).ToArray();
            }
        }
        var current = md.Current;
        for (int c = 0; c < reference.Length; c++)
            for (int i = 0; i < reference[c].Length; i++)
                Assert.Equal(reference[c][i], current[c][i], 1e-12);
    }

    [Fact]
    public void Float32StorageStaysWithinTheRoundingBound()
    {
        var game = TabularGame.Single("g", RandomSkewGame.Create(64, 3));
        double eta = 0.5;
        int horizon = 200;
        var exact = new MirrorDescent(game, eta);
        var single = new MirrorDescent(game, eta, null, PreferenceStorage.Float32);
        for (int t = 0; t < horizon; t++)
        {
            exact.Step();
            single.Step();
        }
        // Rounding P perturbs every win rate by at most ε = max |P32 − P|, so each log-probability moves by at most
        // η ε per step before normalisation and 2 η ε after; probabilities (≤ 1) move by no more than their logs.
        double epsilon = game.Contexts[0].PreferenceValues.Max(v => Math.Abs((float)v - v));
        double bound = 2 * eta * epsilon * horizon;
        var a = exact.Current[0];
        var b = single.Current[0];
        Assert.True(epsilon > 0);
        for (int i = 0; i < a.Count; i++)
            Assert.Equal(a[i], b[i], bound);
    }

    private static GameContext Renamed(GameContext c, int i) =>
        new("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Weight, c.Responses, c.Preference);
}
