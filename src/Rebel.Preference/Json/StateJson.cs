using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Randomness;

namespace Rebel.Preference.Json;

/// <summary>
/// JSON helpers for algorithm checkpoints. Doubles are written in their shortest round-trip form, so a
/// resumed run continues bit for bit; −∞ (a log-probability of zero) is written as the string "-Infinity".
/// </summary>
internal static class StateJson
{
    public static void WriteArray(Utf8JsonWriter w, string name, ReadOnlySpan<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
            WriteDouble(w, v);
        w.WriteEndArray();
    }

    public static void WriteJagged(Utf8JsonWriter w, string name, double[][] values)
    {
        w.WriteStartArray(name);
        foreach (var row in values)
        {
            w.WriteStartArray();
            foreach (double v in row)
                WriteDouble(w, v);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    public static double[] ReadArray(JsonElement e, string name, int expectedLength)
    {
        var values = e.GetProperty(name).EnumerateArray().Select(ReadDouble).ToArray();
        if (values.Length != expectedLength)
            throw new FormatException($"checkpoint field '{name}' has {values.Length} entries, expected {expectedLength}");
        return values;
    }

    /// <summary>Reads a per-context array and checks it against the game's response counts.</summary>
    public static double[][] ReadJagged(JsonElement e, string name, TabularGame game)
    {
        var rows = e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(ReadDouble).ToArray()).ToArray();
        if (rows.Length != game.Contexts.Count)
            throw new FormatException($"checkpoint field '{name}' has {rows.Length} contexts, the game has {game.Contexts.Count}");
        for (int c = 0; c < rows.Length; c++)
            if (rows[c].Length != game.Contexts[c].Count)
                throw new FormatException($"checkpoint field '{name}' context {c} has {rows[c].Length} entries, the game has {game.Contexts[c].Count}");
        return rows;
    }

    /// <summary>Reads a per-context array, checked as by <see cref="ReadJagged"/>, into the arrays of <paramref name="target"/>.</summary>
    public static void ReadJaggedInto(JsonElement e, string name, TabularGame game, double[][] target)
    {
        var rows = ReadJagged(e, name, game);
        for (int c = 0; c < rows.Length; c++)
            rows[c].CopyTo(target[c], 0);
    }

    public static void WriteRandom(Utf8JsonWriter w, string name, SeededRandom random)
    {
        w.WriteStartArray(name);
        foreach (ulong word in random.GetState())
            w.WriteNumberValue(word);
        w.WriteEndArray();
    }

    public static SeededRandom ReadRandom(JsonElement e, string name)
    {
        var words = e.GetProperty(name).EnumerateArray().Select(v => v.GetUInt64()).ToArray();
        try
        {
            return SeededRandom.FromState(words);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"checkpoint field '{name}': {ex.Message}", ex);
        }
    }

    public static void ExpectAlgorithm(JsonElement state, string name)
    {
        string? found = state.TryGetProperty("algorithm", out var a) ? a.GetString() : null;
        if (found != name)
            throw new FormatException($"checkpoint is for algorithm '{found}', not '{name}'");
    }

    private static void WriteDouble(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
            w.WriteNumberValue(v);
        else
            w.WriteStringValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double ReadDouble(JsonElement e) =>
        e.ValueKind == JsonValueKind.String
            ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : e.GetDouble();
}
