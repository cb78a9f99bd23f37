using Rebel.Games.Judges;

namespace Rebel.Games.Tests.Judges;

public sealed class JudgeCommandLineTests
{
    [Theory]
    [InlineData("python3 judge.py --n 5", new[] { "python3", "judge.py", "--n", "5" })]
    [InlineData("  a\tb  ", new[] { "a", "b" })]
    [InlineData("python3 '/my dir/j.py' \"a \\\"q\\\" \\\\ b\"", new[] { "python3", "/my dir/j.py", "a \"q\" \\ b" })]
    [InlineData("a\\ b 'it''s' \"\"", new[] { "a b", "its", "" })]
    // Nothing a shell would act on is special: each is an argument as written.
    [InlineData("python3 j.py; touch x $(id) `id` | && > < * ~", new[] { "python3", "j.py;", "touch", "x", "$(id)", "`id`", "|", "&&", ">", "<", "*", "~" })]
    public void AppliesTheDocumentedQuotingAndNothingElse(string command, string[] expected) =>
        Assert.Equal(expected, JudgeCommandLine.Split(command));

    [Theory]
    [InlineData("python3 'j.py", "single quote at character 9 is not closed")]
    [InlineData("python3 \"j.py", "double quote at character 9 is not closed")]
    [InlineData("python3 j.py \\", "backslash")]
    [InlineData("   ", "names no program")]
    [InlineData("'' x", "names no program")]
    public void RefusesWhatCannotBeSplit(string command, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => JudgeCommandLine.Split(command)).Message, StringComparison.Ordinal);

    [Fact]
    public void ASpecRunsItsCommandWithoutAShellUnlessItOptsIn()
    {
        Assert.Equal(["python3", "j.py;", "touch", "x"], JudgeSpec.Parse("judge:cmd=\"python3 j.py; touch x\",responses=3").Arguments);
        Assert.Equal(["/bin/sh", "-c", "python3 j.py; touch x"], JudgeSpec.Parse("judge:cmd=\"python3 j.py; touch x\",responses=3,shell=true").Arguments);
        Assert.Contains("shell=maybe: expected true or false", Assert.Throws<GameValidationException>(() => JudgeSpec.Parse("judge:cmd=x,responses=3,shell=maybe")).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be split into arguments", Assert.Throws<GameValidationException>(() => JudgeSpec.Parse("judge:cmd=\"python3 'j.py\",responses=3")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("judge:cmd=x,responses=3,")]
    [InlineData("judge:cmd=\"x\",responses=3,")]
    [InlineData("judge:cmd=x,,responses=3")]
    public void AStrayCommaIsRefusedSoThatTheRecordedSpecStaysReadable(string spec) =>
        Assert.Throws<GameValidationException>(() => JudgeSpec.Parse(spec));
}
