using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class GameZooTests
{
    /// <summary>Several parameter settings of every family, defaults first.</summary>
    private static readonly string[] SpecList =
    [
        "rps", "rps:win=0.7", "rps:win=0.5",
        "weighted-rps", "weighted-rps:margins=1/1/1", "weighted-rps:margins=0/2/5,strength=0.3",
        "rpsw", "rpsw:win=0.8",
        "cyclic", "cyclic:n=3", "cyclic:n=4,win=0.9", "cyclic:n=12",
        "condorcet", "condorcet:shares=1/1/1", "condorcet:shares=6/1/1", "condorcet:shares=0/0/1",
        "bt-mixture", "bt-mixture:n=9,k=4,seed=3", "bt-mixture:utilities=0/1/2;1/2/0;2/0/1,weights=1/2/3", "bt-mixture:scale=60", "bt-mixture:layout=cyclic,n=7,k=4,jitter=0",
        "efron-dice",
        "blotto", "blotto:soldiers=1,fields=1", "blotto:soldiers=6,fields=4",
        "disc", "disc:n=5,link=sigmoid,scale=10,seed=9", "disc:layout=even,n=6",
        "gpm", "gpm:n=20,k=3,scale=2,seed=4", "gpm:k=1,n=2",
        "random", "random:n=3,share=1", "random:n=30,share=0,seed=5", "random:share=0.25,strength=0.2,seed=18446744073709551615",
        "transitive", "transitive:n=1", "transitive:utilities=3/1/2/-1",
        "contextual", "contextual:family=rps,contexts=3,weights=random", "contextual:family=disc,contexts=5,n=4,seed=2",
        "seq-majority:vocab=3,length=3", "seq-majority:vocab=2,length=5,annotators=5,seed=2", "seq-majority:vocab=2,length=3,prompts=3",
        "text-rps", "text-rps:length=2,prompts=1",
    ];

    /// <summary>The specs as theory rows.</summary>
    public static TheoryData<string> Specs => new(SpecList);

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryGameIsSkewConsistentAndValid(string spec)
    {
        var game = GameZoo.Create(spec);
        Assert.Equal(spec, game.Name);
        ZooAssert.SkewConsistent(game);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryGameIsReproducibleBitForBit(string spec)
    {
        var a = GameZoo.Create(spec);
        var b = GameZoo.Create(spec);
        Assert.Equal(a.Contexts.Count, b.Contexts.Count);
        for (int c = 0; c < a.Contexts.Count; c++)
        {
            Assert.Equal(a.Contexts[c].Responses, b.Contexts[c].Responses);
            Assert.Equal(a.Contexts[c].Preference.ToColumnMajorArray(), b.Contexts[c].Preference.ToColumnMajorArray());
            Assert.Equal(a.Contexts[c].Weight, b.Contexts[c].Weight);
        }
    }

    [Fact]
    public void EveryFamilyIsCoveredByTheSpecsAboveAndHasUniqueDocumentedParameters()
    {
        var covered = SpecList.Select(s => s.Split(':')[0]).ToHashSet();
        foreach (var family in GameZoo.Families)
        {
            Assert.Contains(family.Name, covered);
            Assert.False(string.IsNullOrWhiteSpace(family.Description));
            Assert.DoesNotContain('\n', family.Description);
            Assert.Equal(family.Parameters.Count, family.Parameters.Select(p => p.Name).Distinct().Count());
            Assert.All(family.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        }
        Assert.Equal(GameZoo.Families.Count, GameZoo.Families.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void GamesWithNaturalFeaturesExposeOneRowPerResponse()
    {
        Assert.Equal(2, GameZoo.Create("disc").Contexts[0].Features!.ColumnCount);
        Assert.Equal(4, GameZoo.Create("gpm:k=2").Contexts[0].Features!.ColumnCount);
        Assert.Equal(3, GameZoo.Create("bt-mixture:k=3").Contexts[0].Features!.ColumnCount);
        Assert.Equal(1, GameZoo.Create("transitive").Contexts[0].Features!.ColumnCount);
        Assert.Equal(3, GameZoo.Create("blotto:fields=3").Contexts[0].Features!.ColumnCount);
        Assert.Null(GameZoo.Create("rps").Contexts[0].Features);
    }

    [Theory]
    [InlineData("chess", "unknown game 'chess'")]
    [InlineData("rps:lose=1", "game spec 'rps:lose=1': unknown parameter 'lose' for 'rps'")]
    [InlineData("rps:win=abc", "game spec 'rps:win=abc': win=abc must be a finite number")]
    [InlineData("rps:win=1.5", "game spec 'rps:win=1.5': win=1.5 must be in [0.5, 1]")]
    [InlineData("cyclic:n=2", "game spec 'cyclic:n=2': n=2 must be in [3, 16384]")]
    [InlineData("random:n=16385", "game spec 'random:n=16385': n=16385 must be in [3, 16384]")]
    [InlineData("cyclic:n=3.5", "game spec 'cyclic:n=3.5': n=3.5 must be an integer")]
    [InlineData("random:seed=-1", "game spec 'random:seed=-1': seed=-1 must be an integer")]
    [InlineData("random:strength=0", "game spec 'random:strength=0': strength=0 must be in (0, 1]")]
    [InlineData("weighted-rps:strength=2", "game spec 'weighted-rps:strength=2': strength=2 must be in (0, 1]")]
    [InlineData("gpm:scale=-1", "game spec 'gpm:scale=-1': scale=-1 must be in (0, 100]")]
    [InlineData("rps:win", "game spec 'rps:win': 'win' is not key=value")]
    [InlineData("rps:win=1,win=0.6", "game spec 'rps:win=1,win=0.6': parameter 'win' is given twice")]
    [InlineData("weighted-rps:margins=1/2", "game spec 'weighted-rps:margins=1/2': margins=1/2 must be three non-negative numbers")]
    [InlineData("weighted-rps:margins=0/0/0", "game spec 'weighted-rps:margins=0/0/0': margins=0/0/0 must be three non-negative numbers")]
    [InlineData("condorcet:shares=1/-1/1", "game spec 'condorcet:shares=1/-1/1': shares=1/-1/1 must be numbers at least 0")]
    [InlineData("disc:link=cubic", "game spec 'disc:link=cubic': link=cubic must be one of linear, sigmoid")]
    [InlineData("blotto:soldiers=100,fields=10", "game spec 'blotto:soldiers=100,fields=10': fields=10 must be small enough")]
    [InlineData("bt-mixture:utilities=0/1;2", "game spec 'bt-mixture:utilities=0/1;2': utilities=0/1;2 must be rows of equal length")]
    [InlineData("bt-mixture:k=2,utilities=0/1/2", "game spec 'bt-mixture:k=2,utilities=0/1/2': k=2 must be 1, the number of populations given")]
    [InlineData("bt-mixture:weights=1/0/1", "game spec 'bt-mixture:weights=1/0/1': weights=1/0/1 must be 3 positive numbers")]
    [InlineData("contextual:family=rps,n=4", "game spec 'contextual:family=rps,n=4': unknown parameter 'n' for 'rps'")]
    [InlineData("contextual:family=contextual", "game spec 'contextual:family=contextual': family=contextual must be one of rps,")]
    [InlineData("contextual:family=random,n=1", "game spec 'contextual:family=random,n=1': n=1 must be in [3, 16384]")]
    public void SpecErrorsAreOneLineAndNameTheSpecAndKey(string spec, string expectedStart)
    {
        var e = Assert.Throws<GameValidationException>(() => GameZoo.Create(spec));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
