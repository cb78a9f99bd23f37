using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Games;

namespace Rebel.Neural.Text;

/// <summary>
/// The compact vocabulary of a text model: id 0 is the end token, ids 1…R the tokenizer's ids that occur in responses
/// (increasing), then the ids that occur in prompts (increasing), then one id that left-pads prompts. A CPU model over
/// these few ids stays small where GPT-2's 50,257 would make the embedding alone 50,257 × d.
/// </summary>
/// <param name="Tokenizer">The tokenizer spec.</param>
/// <param name="ResponseIds">The tokenizer ids of compact ids 1…R.</param>
/// <param name="PromptIds">The tokenizer ids of compact ids R+1…R+Q.</param>
public sealed record TextVocabulary(string Tokenizer, IReadOnlyList<int> ResponseIds, IReadOnlyList<int> PromptIds)
{
    /// <summary>The format <see cref="Save"/> writes.</summary>
    public const string Format = "rebel-text-vocab/1";

    /// <summary>Response ids with the end token: V = R + 1.</summary>
    public int ResponseVocab => ResponseIds.Count + 1;

    /// <summary>The id that left-pads prompts.</summary>
    public long PadToken => ResponseVocab + PromptIds.Count;

    /// <summary>Every compact id: V + Q + 1.</summary>
    public int Size => ResponseVocab + PromptIds.Count + 1;

    /// <summary>The compact vocabulary of the ids in <paramref name="responses"/> and <paramref name="prompts"/>.</summary>
    public static TextVocabulary Of(string tokenizer, IEnumerable<int[]> responses, IEnumerable<int[]> prompts) =>
        new(tokenizer, Ids(responses), Ids(prompts));

    /// <summary>The distinct ids of <paramref name="texts"/>, increasing: the order of their compact ids.</summary>
    internal static int[] Ids(IEnumerable<int[]> texts) => texts.SelectMany(t => t).Distinct().Order().ToArray();

    /// <summary>A prompt's compact ids, left-padded to <paramref name="length"/>: its tokenizer ids' ranks in <paramref name="promptIds"/> after <paramref name="responseVocab"/>, the pad id after them all.</summary>
    internal static long[] CompactPrompt(int[] ids, int[] promptIds, int responseVocab, int length)
    {
        var compact = Enumerable.Repeat((long)responseVocab + promptIds.Length, length).ToArray();
        for (var i = 0; i < ids.Length; i++) compact[length - ids.Length + i] = responseVocab + Index(promptIds, ids[i]);
        return compact;
    }

    /// <summary>A response's compact ids, end-padded to <paramref name="length"/>.</summary>
    public long[] Response(int[] ids, int length)
    {
        var responseIds = ResponseIds.ToArray();
        var compact = new long[length];
        for (var i = 0; i < ids.Length; i++) compact[i] = 1 + Index(responseIds, ids[i]);
        return compact;
    }

    /// <summary>
    /// A response of any text as compact ids, end-padded or cut to <paramref name="length"/>: tokenizer ids that no
    /// response of the data had become <see cref="Size"/>, the unknown id of a model fitted to score any text.
    /// </summary>
    public long[] AnyResponse(int[] ids, int length)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var responseIds = ResponseIds.ToArray();
        var compact = new long[length];
        for (var i = 0; i < Math.Min(ids.Length, length); i++)
            compact[i] = Array.BinarySearch(responseIds, ids[i]) is var index and >= 0 ? 1 + index : Size;
        return compact;
    }

    /// <summary>A prompt's compact ids, left-padded to <paramref name="length"/>.</summary>
    public long[] Prompt(int[] ids, int length) => CompactPrompt(ids, PromptIds.ToArray(), ResponseVocab, length);

    /// <summary>The tokenizer ids of a compact response, read up to its first end token.</summary>
    public int[] TokenizerIds(ReadOnlySpan<int> compact)
    {
        var ids = new List<int>();
        foreach (var c in compact)
        {
            if (c == 0) break;
            ids.Add(ResponseIds[c - 1]);
        }
        return ids.ToArray();
    }

    /// <summary>Writes the vocabulary as JSON (atomically), with each response token's text for readers.</summary>
    public void Save(string path, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var json = new JsonObject
        {
            ["format"] = Format,
            ["tokenizer"] = Tokenizer,
            ["end"] = 0,
            ["response_ids"] = new JsonArray(ResponseIds.Select(i => (JsonNode)i).ToArray()),
            ["response_texts"] = new JsonArray(ResponseIds.Select(i => (JsonNode)tokenizer.Decode([i])).ToArray()),
            ["prompt_ids"] = new JsonArray(PromptIds.Select(i => (JsonNode)i).ToArray()),
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not such a file, or a field missing or not a list of increasing ids (one line naming the file and the field).</exception>
    public static TextVocabulary Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(BoundedFile.ReadAllBytes(path, TextTokenizer.MaxFileBytes)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message.Split('\n')[0]})"); }
        if (root is not JsonObject o || (string?)o["format"] != Format)
            throw new InvalidDataException($"{path}: not a {Format} file");
        int[] Ids(string field)
        {
            var ids = o[field] is JsonArray a && a.All(e => e is JsonValue v && v.TryGetValue<int>(out var x) && x >= 0) ? a.Select(e => e!.GetValue<int>()).ToArray()
                : throw new InvalidDataException($"{path}: '{field}' must be a list of token ids");
            return ids.Zip(ids.Skip(1)).All(p => p.First < p.Second) ? ids : throw new InvalidDataException($"{path}: '{field}' must be increasing");
        }
        var tokenizer = o["tokenizer"] is JsonValue t && t.TryGetValue<string>(out var spec) ? spec : throw new InvalidDataException($"{path}: 'tokenizer' must be a string");
        return new TextVocabulary(tokenizer, Ids("response_ids"), Ids("prompt_ids"));
    }

    private static int Index(int[] ids, int id)
    {
        var index = Array.BinarySearch(ids, id);
        return index >= 0 ? index : throw new ArgumentException($"token id {id} is not in the compact vocabulary");
    }
}
