using System.Globalization;
using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference.Fitting;

/// <summary>
/// Reads pairwise preference data, <c>pairs.jsonl</c>: one JSON object per line,
/// <c>{"context": c, "a": y, "b": y′, "winner": "a"|"b"}</c> or with <c>"p": P(y ≻ y′)</c> instead of <c>"winner"</c>,
/// or in the field's form <c>{"prompt": x, "chosen": y, "rejected": y′}</c> (TRL's and Hugging Face's preference data
/// sets: y ≻ y′ given x; a conversation — a list of <c>{"role", "content"}</c> messages — stands for its last message's
/// content, a prompt list for its messages' contents joined by line breaks). The same records are read from CSV
/// (<c>.csv</c>, a header row naming the columns) and Parquet (<c>.parquet</c>). Names may be strings or integers;
/// blank lines are skipped. Every error names the file and line (or row).
/// </summary>
public static class PairwiseData
{
    /// <summary>The most distinct responses of one context a fitted game may have, as for the zoo's games.</summary>
    public const int MaxResponsesPerContext = 4096;

    /// <summary>
    /// Refuses, before a model is fitted, data whose game would be too large: a context with more than
    /// <see cref="MaxResponsesPerContext"/> responses, or preference matrices larger than half the memory available.
    /// </summary>
    /// <exception cref="GameValidationException">The game would not fit; the message names the file and the context.</exception>
    internal static void EnsureGameFits(string path, IReadOnlyList<string> contexts, IReadOnlyList<IReadOnlyCollection<string>> responses)
    {
        double bytes = 0;
        for (int c = 0; c < contexts.Count; c++)
        {
            int n = responses[c].Count;
            if (n > MaxResponsesPerContext)
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{path}: context '{contexts[c]}' has {n} distinct responses, more than the limit of {MaxResponsesPerContext}"));
            bytes += (double)n * n * sizeof(double);
        }
        long limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        if (bytes > limit)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{path}: the fitted game would take {bytes / (1 << 20):F0} MiB, more than half the available memory ({limit >> 20} MiB)"));
    }

    /// <summary>Reads and validates every line of <paramref name="path"/>.</summary>
    /// <exception cref="GameValidationException">Unreadable file, malformed line, or a preference outside [0, 1].</exception>
    public static IReadOnlyList<PairwiseComparison> Read(string path)
    {
        var result = new List<PairwiseComparison>();
        foreach (var (line, where) in Lines(path))
            result.Add(ParseLine(line, where));
        return result;
    }

    /// <summary>
    /// The records of a pairs file as JSON objects with their place (<c>path:line</c>): its non-blank lines, or a CSV or
    /// Parquet file's rows; read with a size cap and strict UTF-8; a file without any is an error.
    /// </summary>
    /// <exception cref="GameValidationException">The file is missing, unreadable, too large, not UTF-8, or has no comparison.</exception>
    public static IReadOnlyList<(string Text, string Where)> Lines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new GameValidationException("the pairwise data path is empty");
        if (PreferenceTables.IsTable(path))
        {
            var rows = PreferenceTables.Rows(path);
            return rows.Count > 0 ? rows : throw new GameValidationException($"{path}: no pairwise comparisons in the file");
        }
        string text;
        try
        {
            text = BoundedFile.DecodeUtf8(BoundedFile.ReadAllBytes(path, BoundedFile.LimitFor(BoundedFile.MaxBytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GameValidationException($"{path}: cannot read pairwise data: {e.Message.Split('\n')[0]}", e);
        }
        var lines = new List<(string, string)>();
        int number = 0;
        foreach (string line in BoundedFile.JsonLines(text))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
                lines.Add((line, string.Create(CultureInfo.InvariantCulture, $"{path}:{number}")));
        }
        if (lines.Count == 0)
            throw new GameValidationException($"{path}: no pairwise comparisons in the file");
        return lines;
    }

    /// <summary>Parses one line; <paramref name="where"/> prefixes every error (e.g. <c>pairs.jsonl:12</c>).</summary>
    /// <exception cref="GameValidationException">The line is malformed.</exception>
    public static PairwiseComparison ParseLine(string line, string where)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new GameValidationException($"{where}: {GameFile.JsonError(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-key check decodes every property name, and a lone surrogate escape cannot be decoded.
            throw new GameValidationException($"{where}: invalid JSON: a property name holds a lone UTF-16 surrogate escape", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new GameValidationException($"{where}: expected a JSON object");
            if (root.TryGetProperty("chosen", out _) || root.TryGetProperty("rejected", out _))
                return ChosenRejected(root, where);
            string context = Name(root, "context", where);
            string a = Name(root, "a", where);
            string b = Name(root, "b", where);
            if (a == b)
                throw new GameValidationException($"{where}: 'a' and 'b' are the same response '{a}'");
            bool hasWinner = root.TryGetProperty("winner", out var winner);
            bool hasP = root.TryGetProperty("p", out var p);
            if (hasWinner == hasP)
                throw new GameValidationException($"{where}: give exactly one of 'winner' (\"a\" or \"b\") and 'p'");
            double probability;
            if (hasWinner)
            {
                probability = winner.ValueKind == JsonValueKind.String ? Text(winner, "winner", where) switch
                {
                    "a" => 1,
                    "b" => 0,
                    _ => double.NaN,
                } : double.NaN;
                if (double.IsNaN(probability))
                    throw new GameValidationException($"{where}: 'winner' must be \"a\" or \"b\", got {winner.GetRawText()}");
            }
            else
            {
                if (p.ValueKind != JsonValueKind.Number)
                    throw new GameValidationException($"{where}: 'p' must be a number, got {p.GetRawText()}");
                probability = p.GetDouble();
                if (!(probability >= 0 && probability <= 1))
                    throw new GameValidationException($"{where}: 'p' = {p.GetRawText()} is outside [0,1]");
            }
            return new PairwiseComparison(context, a, b, probability);
        }
    }

    /// <summary>A <c>{"prompt", "chosen", "rejected"}</c> record: the chosen response beats the rejected one, P = 1.</summary>
    private static PairwiseComparison ChosenRejected(JsonElement root, string where)
    {
        foreach (string field in new[] { "a", "b", "winner", "p" })
            if (root.TryGetProperty(field, out _))
                throw new GameValidationException($"{where}: a 'chosen'/'rejected' record says which response won; '{field}' cannot be given with them");
        string context = root.TryGetProperty("prompt", out _) ? FieldText(root, "prompt", where)
            : root.TryGetProperty("context", out _) ? Name(root, "context", where)
            : throw new GameValidationException($"{where}: missing 'prompt' (preference records are {{\"prompt\", \"chosen\", \"rejected\"}})");
        string chosen = FieldText(root, "chosen", where), rejected = FieldText(root, "rejected", where);
        if (chosen == rejected)
            throw new GameValidationException($"{where}: 'chosen' and 'rejected' are the same response");
        return new PairwiseComparison(context, chosen, rejected, 1);
    }

    /// <summary>A text field of a chosen/rejected record: a string, or a conversation (its last message's content; a prompt's contents joined).</summary>
    private static string FieldText(JsonElement root, string field, string where)
    {
        if (!root.TryGetProperty(field, out var v))
            throw new GameValidationException($"{where}: missing '{field}'");
        if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            && v.EnumerateArray().All(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String))
        {
            var contents = v.EnumerateArray().Select(m => Text(m.GetProperty("content"), field, where)).ToArray();
            return field == "prompt" ? string.Join('\n', contents) : contents[^1];
        }
        return Name(root, field, where);
    }

    private static string Name(JsonElement root, string field, string where)
    {
        if (!root.TryGetProperty(field, out var v))
            throw new GameValidationException($"{where}: missing '{field}'");
        return v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrEmpty(Text(v, field, where)) => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new GameValidationException($"{where}: '{field}' must be a non-empty string or a number, got {v.GetRawText()}"),
        };
    }

    /// <summary>A JSON string as .NET text; an escaped lone UTF-16 surrogate (<c>"\ud800"</c>) is not text and is refused.</summary>
    private static string Text(JsonElement v, string field, string where)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new GameValidationException($"{where}: '{field}' is not valid Unicode text (it holds a lone UTF-16 surrogate escape)", e);
        }
    }
}
