using Rebel.Games;

namespace Rebel.Preference.Tests.Algorithms;

public class SppoAlgorithmTests
{
    [Fact]
    public void WithEveryResponseAndExactWinRatesTheStepIsEtaTimesWinRateMinusHalf()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        var sppo = Play.Create("sppo", game, shared: new SelfPlayOptions { Samples = SampleCount.All, Eta = 0.7 });
        Play.Run(sppo, 2);
        var p = Play.Uniform(3);
        for (int t = 0; t < 2; t++)
            p = Play.Softmax(p.PointwiseLog() + 0.7 * (Play.WinRates(game, p) - 0.5));
        Play.AssertClose(p, sppo.Current[0], 1e-14);
    }

    [Fact]
    public void TwoSamplesMoveTheirLogitsByPlusMinusHalfEta()
    {
        // rps with win = 1: two distinct samples have r̂ = 1 and 0, so their logits move by ±η/2; a repeated sample
        // has r̂ = 1/2 and nothing moves. Over seeds both happen (distinct with probability 2/3): a learner that never
        // moves fails, and so does one that moves by anything but ±η/2.
        int moved = 0;
        for (ulong seed = 0; seed < 12; seed++)
        {
            var sppo = Play.Create("sppo", GameSource.Load("rps"), seed: seed, shared: new SelfPlayOptions { Samples = SampleCount.Of(2), Eta = 0.6 });
            sppo.Step();
            var logits = sppo.Current[0].PointwiseLog();
            var centred = logits.Select(l => Math.Round(l - logits.Average(), 12)).OrderBy(l => l).ToArray();
            Assert.True(centred.SequenceEqual([-0.3, 0, 0.3]) || centred.SequenceEqual([0, 0, 0]), $"seed {seed}: {string.Join(",", centred)}");
            moved += centred[0] < 0 ? 1 : 0;
        }
        Assert.InRange(moved, 4, 11);
    }
}
