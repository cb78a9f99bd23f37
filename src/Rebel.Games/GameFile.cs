using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Utils;

namespace Rebel.Games;

/// <summary>
/// Reads and writes the <c>rebel-game/1</c> JSON format (DESIGN §3). Reading validates everything before
/// returning, so a game is loaded whole or not at all; every error is one line naming the file, the context and the
/// entry. Unknown or repeated properties are rejected (a misspelt <c>"weigth"</c> must not silently become weight 1),
/// and so are non-numbers where numbers belong: JSON has no NaN or infinity, and their string forms are refused.
/// </summary>
public static class GameFile
{
    /// <summary>The format tag this version reads and writes.</summary>
    public const string Format = "rebel-game/1";

    private static readonly string[] TopLevelProperties = ["format", "name", "contexts"];
    private static readonly string[] ContextProperties = ["name", "weight", "responses", "preference", "features"];

    /// <summary>Loads and validates a game file.</summary>
    /// <exception cref="GameValidationException">The file is missing, unreadable, malformed or invalid; the message starts with the path.</exception>
    public static TabularGame Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new GameValidationException("the game file path is empty");
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAllBytes(path, BoundedFile.LimitFor(BoundedFile.MaxBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GameValidationException($"{path}: cannot read game file: {FirstLine(e.Message)}", e);
        }
        try
        {
            return Parse(bytes);
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
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses and validates a game from UTF-8 JSON bytes (invalid UTF-8 is an error, never replaced).</summary>
    /// <exception cref="GameValidationException">The bytes are not UTF-8 JSON or the game is invalid.</exception>
    public static TabularGame Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            BoundedFile.EnsureUtf8(utf8Json.Span);
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new GameValidationException(JsonError(e), e);
        }
        catch (InvalidDataException e)
        {
            throw new GameValidationException($"invalid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-key check decodes every property name, and a lone surrogate escape cannot be decoded.
            throw new GameValidationException("invalid JSON: a property name holds a lone UTF-16 surrogate escape", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new GameValidationException("the top level must be a JSON object");
            EnsureKnownProperties(root, TopLevelProperties, "top level");
            string format = RequiredString(root, "format", "top level");
            if (format != Format)
                throw new GameValidationException($"unknown format '{format}', expected '{Format}'");
            string name = root.TryGetProperty("name", out _) ? RequiredString(root, "name", "top level") : "game";
            if (!root.TryGetProperty("contexts", out var ctxs) || ctxs.ValueKind != JsonValueKind.Array)
                throw new GameValidationException("top level: 'contexts' must be an array of context objects");
            var contexts = new List<GameContext>(ctxs.GetArrayLength());
            foreach (var c in ctxs.EnumerateArray())
                contexts.Add(ParseContext(c, contexts.Count));
            return new TabularGame(name, contexts);
        }
    }

    /// <summary>Serialises a game to <c>rebel-game/1</c> JSON (weights as normalised, features included when present); numbers round-trip exactly.</summary>
    public static string Serialize(TabularGame game)
    {
        using var buffer = new MemoryStream();
        Serialize(game, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Writes <see cref="Serialize(TabularGame)"/>'s UTF-8 bytes to <paramref name="stream"/> as they are formed, so that a
    /// game of gigabytes is written (or hashed) without a copy of its text in memory.
    /// </summary>
    public static void Serialize(TabularGame game, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
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

    /// <summary>Atomically writes <paramref name="game"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, TabularGame game) => AtomicFile.Write(path, stream => Serialize(game, stream));

    /// <summary>
    /// A JSON error with its place when the parser knows it (a duplicate property comes without one), in the form
    /// every reader of user JSON uses.
    /// </summary>
    public static string JsonError(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string place = e.LineNumber is { } line ? Invariant($" at line {line + 1}, position {e.BytePositionInLine + 1}") : "";
        // The parser's message repeats the place after a '|'; the one-line form keeps the explanation.
        return $"invalid JSON{place}: {FirstLine(e.Message).Split(" LineNumber:")[0].Split(" Path:")[0].Trim()}";
    }

    private static GameContext ParseContext(JsonElement c, int index)
    {
        string where = Invariant($"context {index}");
        if (c.ValueKind != JsonValueKind.Object)
            throw new GameValidationException($"{where}: must be a JSON object");
        string name = RequiredString(c, "name", where);
        if (name.Length == 0)
            throw new GameValidationException($"{where}: 'name' is empty");
        where = $"context '{name}'";
        EnsureKnownProperties(c, ContextProperties, where);
        double weight = 1.0;
        if (c.TryGetProperty("weight", out var w))
            weight = Number(w, where, "weight");
        if (!c.TryGetProperty("responses", out var rs) || rs.ValueKind != JsonValueKind.Array)
            throw new GameValidationException($"{where}: 'responses' must be an array of strings");
        if (rs.GetArrayLength() == 0)
            throw new GameValidationException($"{where}: the response set is empty");
        var responses = new List<string>(rs.GetArrayLength());
        foreach (var r in rs.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.String)
                throw new GameValidationException(Invariant($"{where}: responses[{responses.Count}] must be a string"));
            string response = Text(r, Invariant($"{where}: responses[{responses.Count}]"));
            if (response.Length == 0)
                throw new GameValidationException(Invariant($"{where}: responses[{responses.Count}] is empty"));
            responses.Add(response);
        }
        var preference = ReadMatrix(c, "preference", where)
            ?? throw new GameValidationException($"{where}: 'preference' is missing");
        var features = ReadMatrix(c, "features", where);
        return GameContext.Adopt(name, weight, responses, preference, features);
    }

    private static DenseMatrix? ReadMatrix(JsonElement c, string property, string where)
    {
        if (!c.TryGetProperty(property, out var rows))
            return null;
        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0)
            throw new GameValidationException($"{where}: '{property}' must be a non-empty array of rows");
        var rowElements = new JsonElement[rows.GetArrayLength()];
        int rowCount = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
                throw new GameValidationException(Invariant($"{where}: {property}[{rowCount}] must be an array of numbers"));
            rowElements[rowCount++] = row;
        }
        int columns = rowElements[0].GetArrayLength();
        for (int i = 1; i < rowCount; i++)
            if (rowElements[i].GetArrayLength() != columns)
                throw new GameValidationException(Invariant($"{where}: {property}[{i}] has {rowElements[i].GetArrayLength()} entries but {property}[0] has {columns}; the matrix must be rectangular"));
        // Rows are read as they are stored (row-major, on the machine's cores: a parsed document is safe to read from
        // several threads), then transposed in blocks into the column-major matrix: writing each number straight into
        // its column would touch a new cache line per number.
        var rowMajor = new double[(long)rowCount * columns];
        var firstBad = new int[] { int.MaxValue };
        RowBlocks.For(rowCount, columns * 16L, (from, to) =>
        {
            for (int i = from; i < to && i < Volatile.Read(ref firstBad[0]); i++)
            {
                int j = 0;
                var target = rowMajor.AsSpan(i * columns, columns);
                foreach (var v in rowElements[i].EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double x) || !double.IsFinite(x))
                    {
                        // The first bad row in row order is the one reported, whatever thread finds it.
                        int seen;
                        while (i < (seen = Volatile.Read(ref firstBad[0])) && Interlocked.CompareExchange(ref firstBad[0], i, seen) != seen)
                        {
                        }
                        return;
                    }
                    target[j++] = x;
                }
            }
        });
        if (firstBad[0] != int.MaxValue)
        {
            int i = firstBad[0], j = 0;
            foreach (var v in rowElements[i].EnumerateArray())
            {
                Number(v, where, property, i, j);
                j++;
            }
        }
        var matrix = new DenseMatrix(rowCount, columns);
        Transpose(rowMajor, rowCount, columns, matrix.Values);
        return matrix;
    }

    // column-major[j * rows + i] = row-major[i * columns + j], in 64 × 64 tiles that stay in cache.
    private static void Transpose(double[] rowMajor, int rows, int columns, double[] columnMajor)
    {
        const int Tile = 64;
        for (int i0 = 0; i0 < rows; i0 += Tile)
            for (int j0 = 0; j0 < columns; j0 += Tile)
            {
                int i1 = Math.Min(rows, i0 + Tile), j1 = Math.Min(columns, j0 + Tile);
                for (int j = j0; j < j1; j++)
                    for (int i = i0; i < i1; i++)
                        columnMajor[(long)j * rows + i] = rowMajor[(long)i * columns + j];
            }
    }

    /// <summary>
    /// A finite JSON number; anything else (a string such as "NaN", a literal beyond double range) is an error naming
    /// <c>property[i][j]</c>, or <c>property</c> when i is negative. The name is formatted only on error: files hold millions of numbers.
    /// </summary>
    private static double Number(JsonElement v, string where, string property, int i = -1, int j = -1)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double x) && double.IsFinite(x))
            return x;
        string entry = i < 0 ? property : Invariant($"{property}[{i}][{j}]");
        if (v.ValueKind == JsonValueKind.String)
            throw new GameValidationException($"{where}: {entry} is the string {v.GetRawText()}, it must be a finite number (JSON has no NaN or infinity)");
        if (v.ValueKind != JsonValueKind.Number)
            throw new GameValidationException($"{where}: {entry} must be a number, not {v.ValueKind.ToString().ToLowerInvariant()}");
        throw new GameValidationException($"{where}: {entry} = {v.GetRawText()} is not a finite double");
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
            // The writer buffers until flushed: a row at a time keeps its buffer one row long.
            w.Flush();
        }
        w.WriteEndArray();
    }

    private static void EnsureKnownProperties(JsonElement e, string[] known, string where)
    {
        foreach (var p in e.EnumerateObject())
            if (!known.Any(p.NameEquals))
                throw new GameValidationException($"{where}: unknown property '{p.Name}' (known: {string.Join(", ", known)})");
    }

    private static string RequiredString(JsonElement e, string property, string where)
    {
        if (!e.TryGetProperty(property, out var v))
            throw new GameValidationException($"{where}: '{property}' is missing");
        if (v.ValueKind != JsonValueKind.String)
            throw new GameValidationException($"{where}: '{property}' must be a string");
        return Text(v, $"{where}: '{property}'");
    }

    /// <summary>A JSON string as .NET text; an escaped lone UTF-16 surrogate (<c>"\ud800"</c>) is not text and is refused.</summary>
    private static string Text(JsonElement v, string what)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new GameValidationException($"{what} is not valid Unicode text (it holds a lone UTF-16 surrogate escape)", e);
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
