using Rebel.Games;
using Rebel.Preference.Fitting;

namespace Rebel.Preference.Tests.Fitting;

public sealed class PreferenceFittingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-fit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, "pairs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void BradleyTerryRecoversTheOddsOfWinnerLines()
    {
        // y0 beat y1 three times out of four: the MLE has P(y0 ≻ y1) = 3/4 (up to the tiny ridge).
        string path = Write(
            """{"context": "q", "a": "y0", "b": "y1", "winner": "a"}""",
            """{"context": "q", "a": "y0", "b": "y1", "winner": "a"}""",
            """{"context": "q", "a": "y1", "b": "y0", "winner": "b"}""",
            "",
            """{"context": "q", "a": "y1", "b": "y0", "winner": "a"}""");
        var game = PreferenceFitting.Fit(path, PreferenceModelKind.Bt, new PreferenceFitOptions { Ridge = 1e-10 });
        var c = Assert.Single(game.Contexts);
        Assert.Equal(["y0", "y1"], c.Responses);
        Assert.Equal(0.75, c.Preference[0, 1], 1e-8);
    }

    [Fact]
    public void TheSavedModelLoadsBackAsAGame()
    {
        string path = Write(
            """{"context": 1, "a": "x", "b": "y", "p": 0.9}""",
            """{"context": 1, "a": "y", "b": "z", "p": 0.8}""",
            """{"context": 2, "a": "u", "b": "v", "p": 0.3}""");
        var fitted = PreferenceFitting.Fit(path, PreferenceModelKind.Bt);
        string file = Path.Combine(_dir, "model.json");
        PreferenceFitting.Save(fitted, file);
        var loaded = GameSource.Load(file);
        Assert.Equal(["1", "2"], loaded.Contexts.Select(c => c.Name));
        Assert.Equal(fitted.Contexts[0].Preference.ToArray(), loaded.Contexts[0].Preference.ToArray());
        // BT is transitive: x over z must be at least as likely as x over y and y over z.
        Assert.True(loaded.Contexts[0].Preference[0, 2] > loaded.Contexts[0].Preference[0, 1]);
    }

    [Fact]
    public void GpmFitsACycleThatBradleyTerryCannot()
    {
        // a ≻ b ≻ c ≻ a, each with probability 0.9: BT can only return 1/2 on every pair (its best transitive fit),
        // GPM reproduces the cycle.
        string path = Write(
            """{"context": "q", "a": "a", "b": "b", "p": 0.9}""",
            """{"context": "q", "a": "b", "b": "c", "p": 0.9}""",
            """{"context": "q", "a": "c", "b": "a", "p": 0.9}""");
        var bt = PreferenceFitting.Fit(path, PreferenceModelKind.Bt).Contexts[0].Preference;
        var gpm = PreferenceFitting.Fit(path, PreferenceModelKind.Gpm).Contexts[0].Preference;
        Assert.Equal(0.5, bt[0, 1], 1e-6);
        Assert.Equal(0.9, gpm[0, 1], 0.01);
        Assert.Equal(0.9, gpm[1, 2], 0.01);
        Assert.Equal(0.9, gpm[2, 0], 0.01);
    }

    [Theory]
    [InlineData("""{"context": "q", "a": "y0", "b": "y1", "p": 1.5}""", "pairs.jsonl:2: 'p' = 1.5 is outside [0,1]")]
    [InlineData("""{"context": "q", "a": "y0", "b": "y1", "winner": "c"}""", "pairs.jsonl:2: 'winner' must be")]
    [InlineData("""{"context": "q", "a": "y0", "winner": "a"}""", "pairs.jsonl:2: missing 'b'")]
    [InlineData("""{"context": "q", "a": "y0", "b": "y1"}""", "pairs.jsonl:2: give exactly one of")]
    [InlineData("""{"context": "q", "a": "y0", "b": "y1", "p": 0.2""", "pairs.jsonl:2: invalid JSON")]
    public void MalformedLinesAreOneLineErrorsNamingFileAndLine(string line, string expected)
    {
        string path = Write("""{"context": "q", "a": "y0", "b": "y1", "p": 0.5}""", line);
        var e = Assert.Throws<GameValidationException>(() => PreferenceFitting.Fit(path, PreferenceModelKind.Bt));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
