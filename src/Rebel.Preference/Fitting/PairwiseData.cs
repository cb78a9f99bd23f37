using System.Globalization;
using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference.Fitting;

/// <summary>
/// Reads pairwise preference data, <c>pairs.jsonl</c>: one JSON object per line,
/// <c>{"context": c, "a": y, "b": y′, "winner": "a"|"b"}</c> or with <c>"p": P(y ≻ y′)</c> instead of <c>"winner"</c>.
/// Names may be strings or integers; blank lines are skipped. Every error names the file and line.
/// </summary>
public static class PairwiseData
{
    /// <summary>Reads and validates every line of <paramref name="path"/>.</summary>
    /// <exception cref="GameValidationException">Unreadable file, malformed line, or a preference outside [0, 1].</exception>
    public static IReadOnlyList<PairwiseComparison> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GameValidationException($"{path}: cannot read pairwise data: {e.Message}", e);
        }
        var result = new List<PairwiseComparison>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            string where = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            result.Add(ParseLine(lines[i], where));
        }
        if (result.Count == 0)
            throw new GameValidationException($"{path}: no pairwise comparisons in the file");
        return result;
    }

    /// <summary>Parses one line; <paramref name="where"/> prefixes every error (e.g. <c>pairs.jsonl:12</c>).</summary>
    /// <exception cref="GameValidationException">The line is malformed.</exception>
    public static PairwiseComparison ParseLine(string line, string where)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new GameValidationException($"{where}: invalid JSON: {e.Message.Split('\n')[0]}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new GameValidationException($"{where}: expected a JSON object");
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
                probability = winner.ValueKind == JsonValueKind.String ? winner.GetString() switch
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

    private static string Name(JsonElement root, string field, string where)
    {
        if (!root.TryGetProperty(field, out var v))
            throw new GameValidationException($"{where}: missing '{field}'");
        return v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrEmpty(v.GetString()) => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new GameValidationException($"{where}: '{field}' must be a non-empty string or a number, got {v.GetRawText()}"),
        };
    }
}
