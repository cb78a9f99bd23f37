using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Neural.Text;

namespace Rebel.Neural.Tests.Text;

public class TextPairsTests
{
    [Fact]
    public void ReadsPromptsResponsesAndPreferences()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir["p.jsonl"], ["""{"prompt": "Say:", "a": " hi", "b": " yo", "winner": "b"}""", "", """{"prompt": "Say:", "a": " yo", "b": " hi", "p": 0.25}"""]);
        var data = TextPairs.Read(dir["p.jsonl"]);
        Assert.Equal(new TextComparison("Say:", " hi", " yo", 0, dir["p.jsonl"] + ":1"), data[0]);
        Assert.Equal(0.25, data[1].P);
        Assert.Equal(dir["p.jsonl"] + ":3", data[1].Where);
    }

    [Theory]
    [InlineData("""{"a": " hi", "b": " yo", "winner": "a"}""", "missing 'prompt'")]
    [InlineData("""{"prompt": "", "a": " hi", "b": " yo", "winner": "a"}""", "'prompt' must be a non-empty string")]
    [InlineData("""{"context": "x", "a": " hi", "b": " yo", "winner": "a"}""", "not a 'context'")]
    [InlineData("""{"prompt": "x", "a": " hi", "b": " yo"}""", "exactly one of 'winner'")]
    public void ABadLineIsNamedByFileAndLine(string line, string what)
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir["p.jsonl"], ["""{"prompt": "Say:", "a": " hi", "b": " yo", "winner": "b"}""", line]);
        var e = Assert.Throws<GameValidationException>(() => TextPairs.Read(dir["p.jsonl"]));
        Assert.StartsWith(dir["p.jsonl"] + ":2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    // The example data the docs' text loop starts from: every ordered pair of distinct texts of up to two words, for
    // each prompt of text-rps, labelled by its rule.
    [Fact]
    public void TheShippedExamplePairsAreTextRpsRule()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Rebel.sln"))) root = root.Parent!;
        var path = Path.Combine(root.FullName, "docs", "examples", "text-rps-pairs.jsonl");
        var data = TextPairs.Read(path);
        Assert.Equal(3 * 12 * 11, data.Count);
        Assert.All(data, d => Assert.Equal(TextRps.Preference(TextRps.Prompts.Select(p => p.Text).ToList().IndexOf(d.Prompt), d.A, d.B), d.P, 9));
    }
}
