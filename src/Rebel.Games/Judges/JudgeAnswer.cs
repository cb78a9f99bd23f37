using System.Globalization;
using System.Text.Json;

namespace Rebel.Games.Judges;

/// <summary>
/// One answer line of the protocol (docs/judge-protocol.md): <c>{"id": id, "p": [...]}</c> or
/// <c>{"id": id, "wins": [...]}</c>, strict: no repeated property, the right id and count, every value in range.
/// </summary>
internal static class JudgeAnswer
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    /// <summary>Whether <paramref name="line"/> answers request <paramref name="id"/> of <paramref name="count"/> pairs; if so its values are in <paramref name="result"/>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, long id, int count, JudgeAnswers answers, Span<double> result)
    {
        string key = answers == JudgeAnswers.Probabilities ? "p" : "wins";
        try
        {
            using var doc = JsonDocument.Parse(line, Strict);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var i) || i.ValueKind != JsonValueKind.Number
                || !i.TryGetInt64(out long answered) || answered != id || !root.TryGetProperty(key, out var values)
                || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != count)
                return false;
            int k = 0;
            foreach (var v in values.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double x))
                    return false;
                bool valid = answers == JudgeAnswers.Probabilities ? x >= 0 && x <= 1 : x is 0 or 1;
                if (!valid)
                    return false;
                result[k++] = x;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The expected answer, for messages.</summary>
    public static string Expected(long id, int count, JudgeAnswers answers) => answers == JudgeAnswers.Probabilities
        ? string.Create(CultureInfo.InvariantCulture, $"{{\"id\": {id}, \"p\": [{count} numbers in [0, 1]]}}")
        : string.Create(CultureInfo.InvariantCulture, $"{{\"id\": {id}, \"wins\": [{count} outcomes 0 or 1]}}");
}
