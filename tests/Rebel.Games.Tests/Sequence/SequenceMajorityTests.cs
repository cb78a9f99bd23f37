using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Sequence;

public class SequenceMajorityTests
{
    private static SequenceGame Create(string spec)
    {
        var family = new SequenceMajority();
        return family.CreateSequenceGame(GameSpec.Parse(spec, family));
    }

    [Fact]
    public void FeaturesCountTokensRepeatsAndRises()
    {
        var phi = new double[SequenceFeatures.Count(3)];
        SequenceFeatures.Compute([0, 0, 2, 1, 2], 3, phi);
        // Tokens 0,0,2,1,2: frequencies 2/5, 1/5, 2/5; pairs (0,0) repeat, (0,2) and (1,2) rise, (2,1) falls.
        Assert.Equal([0.4, 0.2, 0.4, 0.25, 0.5], phi);
    }

    [Fact]
    public void PreferenceIsTheMajorityOfTheAnnotatorsWithTiesAtOneHalf()
    {
        var game = Create("seq-majority:vocab=3,length=3,annotators=3,seed=2");
        var context = game.Game.Contexts[0];
        Assert.Equal(27, context.Count);
        Assert.Equal("012", context.Responses[5]);
        var p = context.Preference;
        // 021 and 102 have equal features (one of each token, one rise, no repeat): every annotator is indifferent.
        Assert.Equal(0.5, p[game.Space.Index([0L, 2L, 1L]), game.Space.Index([1L, 0L, 2L])]);
        Assert.All(p.Enumerate(), x => Assert.Contains(x, new[] { 0.0, 0.5, 1.0 }));
    }

    [Fact]
    public void ThreeAnnotatorMajoritiesContainACondorcetCycle()
    {
        var p = Create("seq-majority:vocab=3,length=3,annotators=3,seed=1").Game.Contexts[0].Preference;
        var n = p.RowCount;
        var cycle = false;
        for (var a = 0; a < n && !cycle; a++)
            for (var b = 0; b < n && !cycle; b++)
                for (var c = 0; c < n && !cycle; c++)
                    cycle = p[a, b] == 1 && p[b, c] == 1 && p[c, a] == 1;
        Assert.True(cycle);
    }

    [Fact]
    public void TooLargeOrMalformedSpecsAreRejectedNamingTheKey()
    {
        var e = Assert.Throws<GameValidationException>(() => Create("seq-majority:vocab=4,length=11"));
        Assert.Equal("game spec 'seq-majority:vocab=4,length=11': length=11 must be such that vocab^length ≤ 1048576 (here 4^11)", e.Message);
        Assert.Throws<GameValidationException>(() => Create("seq-majority:vocab=1"));
    }
}
