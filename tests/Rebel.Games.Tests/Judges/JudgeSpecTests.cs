using Rebel.Games.Judges;

namespace Rebel.Games.Tests.Judges;

public sealed class JudgeSpecTests
{
    [Fact]
    public void QuotedValuesHoldCommasAndEscapesAndTheRecordedSpecNamesItsDirectory()
    {
        var spec = JudgeSpec.Parse("judge:cmd=\"python3 j.py --say \\\"a, b\\\"\",responses=4,timeout=2.5,answers=outcomes,eval-samples=8");
        Assert.Equal("python3 j.py --say \"a, b\"", spec.Command);
        Assert.Equal(["y0", "y1", "y2", "y3"], spec.Contexts[0].Responses);
        Assert.Equal(2.5, spec.TimeoutSeconds);
        Assert.Equal(JudgeAnswers.Outcomes, spec.Answers);
        Assert.Equal(8, spec.EvalSamples);
        Assert.Equal(12, spec.EvalQueries);
        Assert.False(spec.IsEnumerable);

        string anchored = JudgeSpec.Anchored("judge:cmd=\"x\",responses=3");
        Assert.Equal(Directory.GetCurrentDirectory(), JudgeSpec.Parse(anchored).WorkingDirectory);
        Assert.Equal(anchored, JudgeSpec.Anchored(anchored));
    }

    [Theory]
    [InlineData("{\"format\": \"rebel-judge/1\", \"contexts\": [", true)]
    [InlineData("{\"contexts\": [], \"format\": \"rebel-judge/1\"", true)]
    [InlineData("{\"format\": \"rebel-game/1\", \"contexts\": [", false)]
    [InlineData("{\"x\": {\"format\": \"rebel-judge/1\"}}", false)]
    [InlineData("not json", false)]
    public void AJudgeFileIsToldApartByItsTopLevelFormatInItsFirstBytes(string prefix, bool judge) =>
        Assert.Equal(judge, JudgeSpec.StartsAsJudgeFile(System.Text.Encoding.UTF8.GetBytes(prefix)));
}
