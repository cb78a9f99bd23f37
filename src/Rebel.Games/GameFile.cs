using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games;

/// <summary>
/// Reads and writes the <c>rebel-game/1</c> JSON format (DESIGN §3). Reading validates everything before
/// returning, so a game is loaded whole or not at all; every error names the file, the context and the entry.
/// </summary>
public static class GameFile
{
    /// <summary>The format tag this version reads and writes.</summary>
    public const string Format = "rebel-game/1";

    /// <summary>Loads and validates a game file.</summary>
    /// <exception cref="GameValidationException">The file is missing, unreadable, malformed or invalid.</exception>
    public static TabularGame Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GameValidationException($"{path}: cannot read game file: {e.Message}", e);
        }
        try
        {
            return Parse(text);
        }
        catch (GameValidationException e)
        {
            throw new GameValidationException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses and validates a game from JSON text.</summary>
    /// <exception cref="GameValidationException">The text is malformed or the game invalid.</exception>
    public static TabularGame Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new GameValidationException($"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstLine(e.Message)}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new GameValidationException("the top level must be a JSON object");
            string format = RequiredString(root, "format", "top level");
            if (format != Format)
                throw new GameValidationException($"unknown format '{format}', expected '{Format}'");
            string name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "game";
            if (!root.TryGetProperty("contexts", out var ctxs) || ctxs.ValueKind != JsonValueKind.Array)
                throw new GameValidationException("'contexts' must be an array");
            var contexts = new List<GameContext>();
            int index = 0;
            foreach (var c in ctxs.EnumerateArray())
                contexts.Add(ParseContext(c, index++));
            return new TabularGame(name, contexts);
        }
    }

    /// <summary>Serialises a game to <c>rebel-game/1</c> JSON (weights as normalised, features included when present).</summary>
    public static string Serialize(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("name", game.Name);
            w.WriteStartArray("contexts");
            foreach (var c in game.Contexts)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("weight", c.Weight);
                w.WriteStartArray("responses");
                foreach (var r in c.Responses)
                    w.WriteStringValue(r);
                w.WriteEndArray();
                WriteMatrix(w, "preference", c.Preference);
                if (c.Features is not null)
                    WriteMatrix(w, "features", c.Features);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Atomically writes <paramref name="game"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, TabularGame game) => AtomicFile.WriteAllText(path, Serialize(game));

    private static GameContext ParseContext(JsonElement c, int index)
    {
        string where = Invariant($"context {index}");
        if (c.ValueKind != JsonValueKind.Object)
            throw new GameValidationException($"{where}: must be a JSON object");
        string name = RequiredString(c, "name", where);
        where = $"context '{name}'";
        double weight = 1.0;
        if (c.TryGetProperty("weight", out var w))
        {
            if (w.ValueKind != JsonValueKind.Number)
                throw new GameValidationException($"{where}: 'weight' must be a number");
            weight = w.GetDouble();
        }
        if (!c.TryGetProperty("responses", out var rs) || rs.ValueKind != JsonValueKind.Array)
            throw new GameValidationException($"{where}: 'responses' must be an array of strings");
        var responses = new List<string>();
        foreach (var r in rs.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.String)
                throw new GameValidationException(Invariant($"{where}: responses[{responses.Count}] must be a string"));
            responses.Add(r.GetString()!);
        }
        var preference = ReadMatrix(c, "preference", where, required: true)!;
        var features = ReadMatrix(c, "features", where, required: false);
        return new GameContext(name, weight, responses, preference, features);
    }

    private static Matrix<double>? ReadMatrix(JsonElement c, string property, string where, bool required)
    {
        if (!c.TryGetProperty(property, out var rows))
        {
            if (required)
                throw new GameValidationException($"{where}: '{property}' is missing");
            return null;
        }
        if (rows.ValueKind != JsonValueKind.Array)
            throw new GameValidationException($"{where}: '{property}' must be an array of rows");
        int rowCount = rows.GetArrayLength();
        if (rowCount == 0)
            throw new GameValidationException($"{where}: '{property}' is empty");
        int columns = -1;
        double[,]? values = null;
        int i = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
                throw new GameValidationException(Invariant($"{where}: {property}[{i}] must be an array of numbers"));
            int len = row.GetArrayLength();
            if (columns < 0)
            {
                columns = len;
                values = new double[rowCount, columns];
            }
            else if (len != columns)
                throw new GameValidationException(Invariant($"{where}: {property}[{i}] has {len} entries, row 0 has {columns} (the matrix must be rectangular)"));
            int j = 0;
            foreach (var v in row.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number)
                    throw new GameValidationException(Invariant($"{where}: {property}[{i}][{j}] must be a number"));
                values![i, j] = v.GetDouble();
                j++;
            }
            i++;
        }
        return Matrix<double>.Build.DenseOfArray(values!);
    }

    private static void WriteMatrix(Utf8JsonWriter w, string name, Matrix<double> m)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < m.RowCount; i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < m.ColumnCount; j++)
                w.WriteNumberValue(m[i, j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static string RequiredString(JsonElement e, string property, string where)
    {
        if (!e.TryGetProperty(property, out var v))
            throw new GameValidationException($"{where}: '{property}' is missing");
        if (v.ValueKind != JsonValueKind.String)
            throw new GameValidationException($"{where}: '{property}' must be a string");
        return v.GetString()!;
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
