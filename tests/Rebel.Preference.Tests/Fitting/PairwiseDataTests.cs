using System.Globalization;
using System.Text;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Preference.Fitting;

namespace Rebel.Preference.Tests.Fitting;

/// <summary>Pairs files: bad lines are one error naming file and line; sizes are checked before fitting.</summary>
public sealed class PairwiseDataTests
{
    [Theory]
    [InlineData("{\"context\":\"x\",\"a\":\"a\",\"b\":\"b\",\"winner\":\"a\",\"a\":\"c\"}", "pairs.jsonl:2: invalid JSON: ")]
    [InlineData("{\"context\":\"\\ud800\",\"a\":\"a\",\"b\":\"b\",\"winner\":\"a\"}", "pairs.jsonl:2: 'context' is not valid Unicode text")]
    [InlineData("{\"\\ud800\":1}", "pairs.jsonl:2: invalid JSON: a property name holds a lone UTF-16 surrogate escape")]
    [InlineData("{\"context\":\"x\",\"a\":\"a\",\"b\":\"b\",\"winner\":\"\\udc00\"}", "pairs.jsonl:2: 'winner' is not valid Unicode text")]
    public void A_bad_line_is_named(string line, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["pairs.jsonl"], "{\"context\":\"x\",\"a\":\"a\",\"b\":\"b\",\"p\":0.5}\n" + line + "\n");
        var e = Assert.Throws<GameValidationException>(() => PairwiseData.Read(dir["pairs.jsonl"]));
        Assert.StartsWith(Path.Combine(dir.Path, expected), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_and_empty_files_are_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir["bad.jsonl"], [.. Encoding.UTF8.GetBytes("{\"context\":\"x\",\"a\":\"a"), 0xFE, .. Encoding.UTF8.GetBytes("\",\"b\":\"b\",\"p\":0.5}\n")]);
        Assert.Equal($"{dir["bad.jsonl"]}: cannot read pairwise data: not valid UTF-8 (at byte 21)", Assert.Throws<GameValidationException>(() => PairwiseData.Read(dir["bad.jsonl"])).Message);
        File.WriteAllText(dir["empty.jsonl"], "\n  \n");
        Assert.Equal($"{dir["empty.jsonl"]}: no pairwise comparisons in the file", Assert.Throws<GameValidationException>(() => PairwiseData.Read(dir["empty.jsonl"])).Message);
    }

    [Fact]
    public void A_context_with_more_responses_than_a_game_may_have_is_refused_before_fitting()
    {
        using var dir = new TempDirectory();
        var sb = new StringBuilder();
        for (int i = 0; i < PairwiseData.MaxResponsesPerContext; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{{\"context\":\"x\",\"a\":\"y{i}\",\"b\":\"y{i + 1}\",\"winner\":\"a\"}}\n");
        File.WriteAllText(dir["big.jsonl"], sb.ToString());
        var e = Assert.Throws<GameValidationException>(() => PreferenceFitting.Fit(dir["big.jsonl"], PreferenceModelKind.Bt));
        Assert.Equal($"{dir["big.jsonl"]}: context 'x' has 4097 distinct responses, more than the limit of 4096", e.Message);
    }
}
