using System.Text;
using Rebel.Cli.Tests.Utils;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Neural.Text;

namespace Rebel.Neural.Tests.Text;

public class TextTokenizerTests
{
    [Fact]
    public void LoadsAUsersTiktokenFile()
    {
        using var dir = new TempDirectory();
        // tiktoken: base64 of each token's bytes and its rank; "ab" merges before anything longer.
        File.WriteAllLines(dir["tiny.tiktoken"], new[] { "a", "b", "ab" }.Select((t, rank) => $"{Convert.ToBase64String(Encoding.UTF8.GetBytes(t))} {rank}"));
        var tokenizer = TextTokenizer.Load(dir["tiny.tiktoken"]);
        Assert.Equal([2, 2, 0], tokenizer.Encode("ababa"));
        Assert.Equal("ababa", tokenizer.Decode([2, 2, 0]));
    }

    [Fact]
    public void TextOutsideAUsersVocabularyIsAOneLineFormatError()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir["tiny.tiktoken"], new[] { "a", "b" }.Select((t, rank) => $"{Convert.ToBase64String(Encoding.UTF8.GetBytes(t))} {rank}"));
        var e = Assert.Throws<FormatException>(() => TextTokenizer.Load(dir["tiny.tiktoken"]).Encode("abc"));
        Assert.StartsWith($"Tokenizer {dir["tiny.tiktoken"]}: cannot encode 'abc'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AHuggingFaceModelDirectoryIsAByteLevelBpe()
    {
        using var dir = new TempDirectory();
        Assert.Null(TextTokenizer.FromModelDirectory(dir.Path));
        Assert.Equal($"Tokenizer {dir.Path}: a directory without vocab.json and merges.txt", Assert.Throws<FormatException>(() => TextTokenizer.Load(dir.Path)).Message);
        NeuralData.WriteToyBpe(dir.Path);
        var tokenizer = TextTokenizer.Load(dir.Path);
        // Byte b is id b in the toy vocabulary; " t" is its one merge.
        Assert.Equal([97, 256, 256], tokenizer.Encode("a t t"));
        Assert.Equal("a t t", tokenizer.Decode([97, 256, 256]));
        File.Delete(dir["merges.txt"]);
        Assert.Equal($"Tokenizer {dir.Path}: has vocab.json but no merges.txt", Assert.Throws<FormatException>(() => TextTokenizer.Load(dir.Path)).Message);
    }

    [Fact]
    public void SpecsNameTheirFilesByAbsolutePath()
    {
        Assert.Equal("gpt2", TextTokenizer.WithFullPaths("gpt2"));
        Assert.Null(TextTokenizer.WithFullPaths(null));
        Assert.Equal(Path.GetFullPath("v.json") + "," + Path.GetFullPath("m.txt"), TextTokenizer.WithFullPaths("v.json,m.txt"));
    }

    [Fact]
    public void LoadsAUsersVocabAndMerges()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["vocab.json"], """{"a": 0, "b": 1, "ab": 2}""");
        File.WriteAllText(dir["merges.txt"], "#version: 0.2\na b\n");
        var tokenizer = TextTokenizer.Load(dir["vocab.json"] + "," + dir["merges.txt"]);
        Assert.Equal([2, 2], tokenizer.Encode("abab"));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TextTokenizer.Load("no-such.tiktoken"));
        Assert.Equal("Tokenizer no-such.tiktoken: no such file", e.Message);
    }

    [Theory]
    [InlineData("garbage line\n", null)]
    [InlineData("{\"a\": \"x\"}", "#version: 0.2\n")]
    public void AMalformedFileIsNamedOnOneLine(string first, string? merges)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["t"], first);
        if (merges is not null) File.WriteAllText(dir["m"], merges);
        var spec = merges is null ? dir["t"] : dir["t"] + "," + dir["m"];
        var e = Assert.Throws<FormatException>(() => TextTokenizer.Load(spec));
        Assert.StartsWith($"Tokenizer {spec}: not a ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
