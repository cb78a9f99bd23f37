using Rebel.Games.Sequence;

namespace Rebel.Games.Tests.Sequence;

public class SequenceSpaceTests
{
    [Fact]
    public void NumbersSequencesInBaseVocabFirstTokenMostSignificant()
    {
        var space = new SequenceSpace(3, 4);
        Assert.Equal(81, space.Count);
        Assert.Equal([1, 0, 2, 1], space.Tokens(1 * 27 + 0 * 9 + 2 * 3 + 1));
        Assert.Equal("1021", space.Name(34));
        for (var i = 0; i < space.Count; i++)
            Assert.Equal(i, space.Index(space.Tokens(i).Select(t => (long)t).ToArray()));
    }

    [Fact]
    public void RejectsOutOfRangeTokensAndLengths()
    {
        var space = new SequenceSpace(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Index([0L, 2L, 1L]));
        Assert.Throws<ArgumentException>(() => space.Index([0L, 1L]));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Tokens(8));
    }
}
