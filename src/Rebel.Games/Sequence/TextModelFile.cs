using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Games.Judges;

namespace Rebel.Games.Sequence;

/// <summary>
/// The <c>rebel-text-gpm/1</c> file that <c>rebel fit-pref --model neural-gpm --tokenizer</c> writes when the responses
/// cannot be enumerated: the fitted model's prompts with the data's responses to each, the files of its weights and
/// compact vocabulary (beside it), its tokenizer and the response length it reads. As a game (<see cref="Game"/>) it is one context per prompt with a single
/// placeholder response: the policy generates its responses and the learner asks the model about them
/// (<see cref="TabularGame.TextModel"/>); no metric reads the placeholder.
/// </summary>
public static class TextModelFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "rebel-text-gpm/1";

    /// <summary>The largest file read (it lists prompts and file names only).</summary>
    public const long MaxFileBytes = 16L << 20;

    /// <summary>Whether <paramref name="path"/> is an existing file that declares this format in its first bytes (as <see cref="Write"/> puts it).</summary>
    public static bool Is(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return false;
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[64];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, read).Contains($"\"{Format}\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="spec"/> to <paramref name="path"/> atomically; its weights and vocabulary files are named relative to the file's directory.</summary>
    public static void Write(string path, TextModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(spec);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var json = new JsonObject
        {
            ["format"] = Format,
            ["tokenizer"] = spec.Tokenizer,
            ["length"] = spec.Length,
            ["weights"] = Path.GetRelativePath(directory, spec.WeightsFile),
            ["vocabulary"] = Path.GetRelativePath(directory, spec.VocabularyFile),
            ["prompts"] = new JsonArray(spec.Prompts.Select((p, i) =>
            {
                var prompt = new JsonObject { ["text"] = p, ["weight"] = spec.PromptWeights[i] };
                if (spec.Responses is { } responses)
                    prompt["responses"] = new JsonArray(responses[i].Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
                return (JsonNode)prompt;
            }).ToArray()),
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads the file; its weights and vocabulary paths come back absolute.</summary>
    /// <exception cref="GameValidationException">Not such a file, a missing or malformed field, or a named file that does not exist (one line naming the file and the field).</exception>
    public static TextModelSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? root;
        try { root = JsonNode.Parse(BoundedFile.ReadAllBytes(path, MaxFileBytes)); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GameValidationException($"{path}: not a {Format} file ({e.Message.Split('\n')[0]})");
        }
        if (root is not JsonObject o || (string?)o["format"] != Format)
            throw new GameValidationException($"{path}: not a {Format} file");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Text(string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s
            : throw new GameValidationException($"{path}: '{field}' must be a non-empty string");
        string FileField(string field)
        {
            var file = Path.GetFullPath(Path.Combine(directory, Text(field)));
            return File.Exists(file) ? file : throw new GameValidationException($"{path}: '{field}' names {file}, which does not exist");
        }
        int length = o["length"] is JsonValue l && l.TryGetValue<int>(out var n) && n >= 1 ? n
            : throw new GameValidationException($"{path}: 'length' must be an integer ≥ 1");
        if (o["prompts"] is not JsonArray prompts || prompts.Count == 0)
            throw new GameValidationException($"{path}: 'prompts' must be a non-empty array");
        var texts = new string[prompts.Count];
        var weights = new double[prompts.Count];
        var responses = new IReadOnlyList<string>[prompts.Count];
        bool recorded = prompts.Count > 0 && prompts[0] is JsonObject first && first.ContainsKey("responses");
        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i] is not JsonObject p || p["text"] is not JsonValue t || !t.TryGetValue<string>(out var text) || text.Length == 0
                || p["weight"] is not JsonValue w || !w.TryGetValue<double>(out var weight) || !(weight > 0) || !double.IsFinite(weight))
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{path}: prompts[{i}] must be {{\"text\": a non-empty string, \"weight\": a positive number}}"));
            (texts[i], weights[i]) = (text, weight);
            if (recorded)
                responses[i] = p["responses"] is JsonArray listed && listed.All(r => r is JsonValue v && v.TryGetValue<string>(out _))
                    ? listed.Select(r => r!.GetValue<string>()).ToArray()
                    : throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{path}: prompts[{i}].responses must be an array of strings, as in prompts[0]"));
        }
        return new TextModelSpec(Text("tokenizer"), length, FileField("weights"), FileField("vocabulary"), texts, weights, recorded ? responses : null);
    }

    /// <summary>
    /// The game of the model at <paramref name="path"/>: one context per prompt (its text, its weight) with one placeholder
    /// response, named after the file and its weights' SHA-256, so that a resumed run refuses a model refitted since.
    /// </summary>
    /// <exception cref="GameValidationException">The file is invalid (see <see cref="Read"/>).</exception>
    public static TabularGame Game(string path)
    {
        var spec = Read(path);
        string hash;
        using (var weights = File.OpenRead(spec.WeightsFile)) hash = Convert.ToHexStringLower(SHA256.HashData(weights))[..16];
        var contexts = spec.Prompts.Select((p, i) => GameContext.Adopt(p, spec.PromptWeights[i], [Placeholder], new UnaskedKernel(1))).ToArray();
        return new TabularGame($"{Path.GetFileNameWithoutExtension(path)}-{hash}", contexts) { TextModel = Path.GetFullPath(path) };
    }

    /// <summary>The name of each context's one placeholder response.</summary>
    public const string Placeholder = "generated";
}
