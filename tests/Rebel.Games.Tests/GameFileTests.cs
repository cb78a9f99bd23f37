using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests;

public sealed class GameFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-gamefile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Rps = "[[0.5, 0, 1], [1, 0.5, 0], [0, 1, 0.5]]";

    /// <summary>A file of two contexts, the second one written by the test; the first is valid.</summary>
    private string FileWithSecondContext(string context, string name = "bad.json")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, $$"""
            { "format": "rebel-game/1", "name": "t", "contexts": [
              { "name": "good", "responses": ["r", "p", "s"], "preference": {{Rps}} },
              {{context}} ] }
            """);
        return path;
    }

    private static string Rejected(string path)
    {
        var e = Assert.Throws<GameValidationException>(() => GameFile.Read(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void RejectsANonSquareMatrix()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]] }"""));
        Assert.Contains("context 'x1': the preference matrix is 2×3, it must be square", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsARaggedMatrix()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.5], [0.5]] }"""));
        Assert.Contains("context 'x1': preference[1] has 1 entries but preference[0] has 2", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMatrixThatDoesNotMatchTheResponses()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b", "c"], "preference": [[0.5, 0.5], [0.5, 0.5]] }"""));
        Assert.Contains("context 'x1': the preference matrix is 2×2 but there are 3 responses", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAValueOutsideTheUnitInterval()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.5], [1.25, 0.5]] }"""));
        Assert.Contains("context 'x1': preference[1][0] ('b' over 'a') = 1.25 must be a probability in [0, 1]", m, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"", "preference[0][1] is the string \"NaN\"")]
    [InlineData("\"Infinity\"", "preference[0][1] is the string \"Infinity\"")]
    [InlineData("1e999", "preference[0][1] = 1e999 is not a finite double")]
    [InlineData("null", "preference[0][1] must be a number, not null")]
    public void RejectsNaNAndInfinityInEveryFormJsonAllows(string value, string expected)
    {
        string m = Rejected(FileWithSecondContext($$"""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, {{value}}], [0.5, 0.5]] }"""));
        Assert.Contains("context 'x1': " + expected, m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsPreferencesThatDoNotSumToOne()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.7], [0.4, 0.5]] }"""));
        Assert.Contains("context 'x1': preference[0][1] ('a' over 'b') + preference[1][0] = 1.1, it must be 1", m, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsSkewErrorsWithinTheToleranceAndRejectsThemBeyond()
    {
        string ok = FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.6], [0.4000000000005, 0.5]] }""", "ok.json");
        Assert.Equal(2, GameFile.Read(ok).Contexts.Count);
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.6], [0.400000002, 0.5]] }"""));
        Assert.Contains("context 'x1': preference[0][1]", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsADiagonalOtherThanOneHalf()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b"], "preference": [[0.5, 0.5], [0.5, 0.6]] }"""));
        Assert.Contains("context 'x1': preference[1][1] ('b' over 'b') = 0.6, a response against itself must be 0.5", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnEmptyResponseSet()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": [], "preference": [] }"""));
        Assert.Contains("context 'x1': the response set is empty", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicateResponseNames()
    {
        string m = Rejected(FileWithSecondContext("""{ "name": "x1", "responses": ["a", "b", "a"], "preference": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]] }"""));
        Assert.Contains("context 'x1': responses[2] repeats the name 'a' of responses[0]", m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicateContextNames()
    {
        string m = Rejected(FileWithSecondContext($$"""{ "name": "good", "responses": ["r", "p", "s"], "preference": {{Rps}} }"""));
        Assert.Contains("game 't': contexts[1] repeats the context name 'good' of contexts[0]", m, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "weight 0 must be a positive finite number")]
    [InlineData("-2", "weight -2 must be a positive finite number")]
    [InlineData("\"1\"", "weight is the string \"1\"")]
    public void RejectsANonPositiveOrNonNumericWeight(string weight, string expected)
    {
        string m = Rejected(FileWithSecondContext($$"""{ "name": "x1", "weight": {{weight}}, "responses": ["a"], "preference": [[0.5]] }"""));
        Assert.Contains("context 'x1': " + expected, m, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnUnknownFormat()
    {
        string path = Path.Combine(_dir, "v2.json");
        File.WriteAllText(path, """{ "format": "rebel-game/2", "contexts": [] }""");
        Assert.Contains("unknown format 'rebel-game/2', expected 'rebel-game/1'", Rejected(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "contexts": [] }""", "top level: 'format' is missing")]
    [InlineData("""[1, 2]""", "the top level must be a JSON object")]
    [InlineData("""{ "format": "rebel-game/1", "contexts": [] }""", "game 'game': it has no contexts")]
    [InlineData("""{ "format": "rebel-game/1", "name": 3, "contexts": [] }""", "top level: 'name' must be a string")]
    public void RejectsAMalformedTopLevel(string json, string expected)
    {
        string path = Path.Combine(_dir, "top.json");
        File.WriteAllText(path, json);
        Assert.Equal(path + ": " + expected, Rejected(path));
    }

    [Fact]
    public void RejectsUnknownAndRepeatedProperties()
    {
        string typo = Rejected(FileWithSecondContext("""{ "name": "x1", "weigth": 2, "responses": ["a"], "preference": [[0.5]] }"""));
        Assert.Contains("context 'x1': unknown property 'weigth'", typo, StringComparison.Ordinal);
        string twice = Rejected(FileWithSecondContext("""{ "name": "x1", "weight": 2, "weight": 3, "responses": ["a"], "preference": [[0.5]] }"""));
        Assert.Contains("invalid JSON", twice, StringComparison.Ordinal);
        Assert.Contains("weight", twice, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMalformedJsonWithItsLine()
    {
        string path = Path.Combine(_dir, "cut.json");
        File.WriteAllText(path, "{ \"format\": \"rebel-game/1\",\n \"contexts\": [");
        Assert.Contains("invalid JSON at line 2", Rejected(path), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMissingFile()
    {
        string path = Path.Combine(_dir, "absent.json");
        Assert.Contains("cannot read game file", Rejected(path), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenReadReturnsTheSameGameBitForBit()
    {
        var game = GameZoo.Create("contextual:family=gpm,contexts=3,n=5,weights=random,seed=7");
        string path = Path.Combine(_dir, "round.json");
        GameFile.Write(path, game);
        var back = GameFile.Read(path);
        Assert.Equal(game.Name, back.Name);
        Assert.Equal(game.Contexts.Count, back.Contexts.Count);
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            var (a, b) = (game.Contexts[c], back.Contexts[c]);
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.Weight, b.Weight);
            Assert.Equal(a.Responses, b.Responses);
            Assert.Equal(a.Preference.ToColumnMajorArray(), b.Preference.ToColumnMajorArray());
            Assert.Equal(a.Features!.ToColumnMajorArray(), b.Features!.ToColumnMajorArray());
        }
    }

    [Fact]
    public void OmittedWeightsAreOneAndWeightsAreNormalised()
    {
        var game = GameFile.Parse($$"""
            { "format": "rebel-game/1", "contexts": [
              { "name": "a", "responses": ["x"], "preference": [[0.5]] },
              { "name": "b", "weight": 3, "responses": ["x"], "preference": [[0.5]] } ] }
            """);
        Assert.Equal("game", game.Name);
        Assert.Equal(0.25, game.Contexts[0].Weight);
        Assert.Equal(0.75, game.Contexts[1].Weight);
        Assert.Equal(Matrix<double>.Build.Dense(1, 1, 0.5), game.Contexts[1].Preference);
    }

    [Fact]
    public void ALargeMatrixReadOnSeveralThreadsReportsItsFirstBadEntryInRowOrderAndRoundTrips()
    {
        // 400 × 400 holds more than a mebibyte of text, so its rows are parsed in blocks on several threads.
        var game = GameSource.Load("random:n=400,seed=2");
        string json = GameFile.Serialize(game);
        var back = GameFile.Parse(json);
        Assert.Equal(game.Contexts[0].PreferenceValues, back.Contexts[0].PreferenceValues);
        // Bad entries in a late and an early row: the early one is named, as a row-by-row reader would.
        var rows = game.Contexts[0].Preference.ToRowArrays().Select(r => r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        rows[390][7] = "\"x\"";
        rows[120][3] = "true";
        string text = "{\"format\":\"rebel-game/1\",\"contexts\":[{\"name\":\"x0\",\"responses\":[" + string.Join(",", game.Contexts[0].Responses.Select(r => $"\"{r}\"")) +
            "],\"preference\":[" + string.Join(",", rows.Select(r => "[" + string.Join(",", r) + "]")) + "]}]}";
        var e = Assert.Throws<GameValidationException>(() => GameFile.Parse(text));
        Assert.Equal("context 'x0': preference[120][3] must be a number, not true", e.Message);
    }
}
