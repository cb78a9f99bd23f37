using System.Text;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests;

/// <summary>Issue 11: inputs that used to crash, exhaust memory or pass silently are refused with one line naming the place.</summary>
public sealed class InputLimitsTests : IDisposable
{
    private const string Game = """{"format":"rebel-game/1","contexts":[{"name":"NAME","responses":["a","RESPONSE"],"preference":[[0.5,0.6],[0.4,0.5]]}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("\\ud800", "b", "context 0: 'name' is not valid Unicode text")]
    [InlineData("x", "\\udc00", "context 'x': responses[1] is not valid Unicode text")]
    [InlineData("", "b", "context 0: 'name' is empty")]
    [InlineData("x", "", "context 'x': responses[1] is empty")]
    public void Names_must_be_non_empty_valid_text(string name, string response, string expected)
    {
        var e = Assert.Throws<GameValidationException>(() => GameFile.Parse(Game.Replace("NAME", name).Replace("RESPONSE", response)));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_in_a_property_name_is_a_json_error()
    {
        var e = Assert.Throws<GameValidationException>(() => GameFile.Parse(Game.Replace("\"name\":\"NAME\"", "\"name\":\"x\",\"\\ud800\":1")));
        Assert.Equal("invalid JSON: a property name holds a lone UTF-16 surrogate escape", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_a_replacement_character()
    {
        string path = Path.Combine(_dir, "bad.json");
        var bytes = Encoding.UTF8.GetBytes(Game.Replace("RESPONSE", "b").Replace("NAME", "x#"));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<GameValidationException>(() => GameFile.Read(path));
        Assert.Equal($"{path}: invalid JSON: not valid UTF-8 (at byte {Array.IndexOf(bytes, (byte)0xFF)})", e.Message);
    }

    [Fact]
    public void A_duplicate_key_names_no_empty_place()
    {
        var e = Assert.Throws<GameValidationException>(() => GameFile.Parse("""{"format":"rebel-game/1","format":"rebel-game/1","contexts":[]}"""));
        Assert.StartsWith("invalid JSON: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("'format'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_file_is_refused_at_the_size_limit()
    {
        var e = Assert.Throws<GameValidationException>(() => GameSource.Load("/dev/zero"));
        Assert.Matches(@"^/dev/zero: cannot read game file: larger than the limit of \d+ bytes", e.Message);
    }

    [Theory]
    [InlineData("bt-mixture:jitter=abc", "jitter=abc has no effect")]
    [InlineData("bt-mixture:layout=random,jitter=0.5", "jitter=0.5 has no effect")]
    [InlineData("contextual:contexts=1000000,n=4096", "more than the limit")]
    [InlineData("seq-majority:seed=-1,length=2", "seed=-1 must be an integer in [0, 18446744073709551615]")]
    public void Zoo_specs_are_checked_before_memory_is_taken(string spec, string expected)
    {
        var e = Assert.Throws<GameValidationException>(() => GameZoo.Create(spec));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_longer_than_any_game_are_refused_before_parsing()
    {
        string spec = "transitive:utilities=" + string.Join('/', Enumerable.Range(0, GameSpec.MaxListLength + 1));
        var e = Assert.Throws<GameValidationException>(() => GameZoo.Create(spec));
        Assert.Contains("at most 4096 numbers", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 400, "the message must not echo the whole list");
    }

    [Fact]
    public void Seq_majority_takes_every_unsigned_seed_like_the_other_families()
    {
        Assert.Equal(16, GameZoo.Create("seq-majority:seed=18446744073709551615,length=2").Contexts[0].Count);
    }
}
