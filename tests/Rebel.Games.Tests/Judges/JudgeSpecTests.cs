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

    private static JudgeSpec ReadText(string json) => JudgeSpec.Read("j.json", System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_judge_of_generated_responses_lists_prompts_and_is_never_enumerated()
    {
        var spec = ReadText("""{"format": "rebel-judge/1", "command": "python3 j.py", "responses": "generated", "contexts": [{"name": "a", "prompt": "Hi?"}, {"name": "b", "prompt": "Why?", "weight": 3}]}""");
        Assert.True(spec.Generated);
        Assert.Equal(["Hi?", "Why?"], spec.Contexts.Select(c => c.Prompt));
        Assert.All(spec.Contexts, c => Assert.Empty(c.Responses));
        Assert.False(spec.IsEnumerable);
        // Its game holds one placeholder response per context (the policy generates) and asks the judge nothing.
        var game = JudgeGame.Build(spec);
        Assert.Equal([1, 1], game.Contexts.Select(c => c.Count));
        Assert.Equal([0.25, 0.75], game.Contexts.Select(c => c.Weight));
        Assert.Same(spec, game.Judge);
    }

    [Theory]
    [InlineData("""{"name": "a", "prompt": "Hi?", "responses": ["y0", "y1"]}""", "", "j.json: contexts[0]: responses: a judge of generated responses lists none (the policy generates them)")]
    [InlineData("""{"name": "a", "prompt": ""}""", "", "j.json: contexts[0]: prompt: empty (generated responses continue a prompt)")]
    [InlineData("""{"name": "a"}""", "", "j.json: contexts[0]: 'prompt' is missing or not a string")]
    [InlineData("""{"name": "a", "prompt": "Hi?"}""", ", \"answers\": \"outcomes\"", "j.json: answers 'outcomes' with generated responses: not supported (each generated pair is asked once and its probability kept); answer probabilities")]
    public void A_generated_judge_file_that_cannot_work_is_one_line_naming_the_place(string context, string more, string message)
    {
        var e = Assert.Throws<GameValidationException>(() => ReadText($$"""{"format": "rebel-judge/1", "command": "python3 j.py", "responses": "generated"{{more}}, "contexts": [{{context}}]}"""));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Responses_other_than_generated_are_refused()
    {
        var e = Assert.Throws<GameValidationException>(() => ReadText("""{"format": "rebel-judge/1", "command": "x", "responses": 5, "contexts": []}"""));
        Assert.Equal("j.json: responses: expected \"generated\" (or leave it out, for the responses each context lists)", e.Message);
    }
}
