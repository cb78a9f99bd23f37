using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Games;
using Rebel.Preference.Fitting;

namespace Rebel.Neural.Text;

/// <summary>
/// Reads pairwise data over text, one JSON object per line: <c>{"prompt": x, "a": y, "b": y′, "winner": "a"|"b"}</c>
/// or with <c>"p": P(y ≻ y′ | x)</c>. The rules of <see cref="PairwiseData"/> hold (size cap, strict UTF-8, no repeated
/// keys, exactly one of winner and p), with the prompt text in place of the context name; the field's
/// <c>{"prompt", "chosen", "rejected"}</c> records, and CSV and Parquet files, are read as <see cref="PairwiseData"/>
/// reads them. Every error names the file and line.
/// </summary>
public static class TextPairs
{
    /// <summary>Reads and validates every non-blank line of <paramref name="path"/>.</summary>
    /// <exception cref="GameValidationException">Unreadable file, no comparison, a line without a prompt, or a malformed line.</exception>
    public static IReadOnlyList<TextComparison> Read(string path) =>
        PairwiseData.Lines(path).Select(line => ParseLine(line.Text, line.Where)).ToArray();

    /// <summary>Parses one line; <paramref name="where"/> prefixes every error.</summary>
    /// <exception cref="GameValidationException">The line is malformed or has no prompt.</exception>
    public static TextComparison ParseLine(string line, string where)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException) { node = null; }
        // The field's {prompt, chosen, rejected} records are the pairs parser's own (a prompt may be a conversation there).
        if (node is JsonObject f && (f.ContainsKey("chosen") || f.ContainsKey("rejected")))
            line = f.ToJsonString();
        // The prompt becomes the context so that the pairs' own parser checks everything else (it reports syntax errors too).
        else if (node is JsonObject o && !o.ContainsKey("context"))
        {
            if (!o.TryGetPropertyValue("prompt", out var prompt))
                throw new GameValidationException($"{where}: missing 'prompt' (text pairs are {{\"prompt\", \"a\", \"b\", \"winner\"|\"p\"}})");
            if (prompt is not JsonValue v || !TryText(v, where, out var s) || s.Length == 0)
                throw new GameValidationException($"{where}: 'prompt' must be a non-empty string, got {prompt?.ToJsonString() ?? "null"}");
            o.Remove("prompt");
            o["context"] = s;
            line = o.ToJsonString();
        }
        else if (node is JsonObject)
            throw new GameValidationException($"{where}: text pairs name the prompt ('prompt'), not a 'context'");
        var c = PairwiseData.ParseLine(line, where);
        return new TextComparison(c.Context, c.A, c.B, c.P, where);
    }

    /// <summary>The prompt's text; an escaped lone UTF-16 surrogate (<c>"\ud800"</c>) is not text and is refused.</summary>
    private static bool TryText(JsonValue v, string where, out string text)
    {
        try
        {
            return v.TryGetValue(out text!);
        }
        catch (InvalidOperationException e)
        {
            throw new GameValidationException($"{where}: 'prompt' is not valid Unicode text (it holds a lone UTF-16 surrogate escape)", e);
        }
    }
}
