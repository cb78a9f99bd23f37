using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet.Serialization;
using Rebel.Games;

namespace Rebel.Preference.Fitting;

/// <summary>
/// The rows of tabular preference data — CSV with a header row, or Parquet (the form Hugging Face and TRL preference
/// data sets are published in) — as JSON objects keyed by column name, so that one parser (<see cref="PairwiseData.ParseLine"/>)
/// checks every format alike. Each row comes with its place for errors (<c>file:line</c> for CSV, <c>file: row N</c>
/// for Parquet).
/// </summary>
internal static class PreferenceTables
{
    /// <summary>Whether <paramref name="path"/> is read as a table (by its extension) rather than as JSON lines.</summary>
    public static bool IsTable(string path) => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".parquet";

    /// <summary>The rows of the CSV or Parquet file <paramref name="path"/> as JSON objects.</summary>
    /// <exception cref="GameValidationException">The file cannot be read, is too large, or is not valid CSV or Parquet.</exception>
    public static IReadOnlyList<(string Text, string Where)> Rows(string path) =>
        Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? Parquet(path) : Csv(path);

    private static byte[] Bytes(string path)
    {
        try
        {
            return BoundedFile.ReadAllBytes(path, BoundedFile.LimitFor(BoundedFile.MaxBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new GameValidationException($"{path}: cannot read pairwise data: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static List<(string, string)> Parquet(string path)
    {
        IList<Dictionary<string, object>> data;
        try
        {
            using var stream = new MemoryStream(Bytes(path), writable: false);
            data = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult().Data;
        }
        catch (Exception e) when (e is not GameValidationException and not OutOfMemoryException)
        {
            throw new GameValidationException($"{path}: not a readable Parquet file: {e.Message.Split('\n')[0]}", e);
        }
        var rows = new List<(string, string)>(data.Count);
        for (int r = 0; r < data.Count; r++)
            rows.Add((JsonSerializer.Serialize(data[r]), string.Create(CultureInfo.InvariantCulture, $"{path}: row {r + 1}")));
        return rows;
    }

    /// <summary>
    /// RFC 4180 CSV: a header row naming the columns, fields optionally double-quoted (<c>""</c> is a quote inside
    /// quotes, and quoted fields may hold commas and line breaks). An empty cell is a missing value; a <c>p</c> cell is
    /// a number.
    /// </summary>
    private static List<(string, string)> Csv(string path)
    {
        string text;
        try
        {
            text = BoundedFile.DecodeUtf8(Bytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new GameValidationException($"{path}: cannot read pairwise data: {e.Message.Split('\n')[0]}", e);
        }
        var records = Records(text, path);
        if (records.Count == 0)
            throw new GameValidationException($"{path}: no header row (CSV pairwise data names its columns in the first row)");
        var (header, _) = records[0];
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count || header.Any(h => h.Length == 0))
            throw new GameValidationException($"{path}:1: the header row has an empty or repeated column name");
        var rows = new List<(string, string)>();
        foreach (var (fields, line) in records.Skip(1))
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{path}:{line}");
            if (fields.Count == 1 && fields[0].Length == 0)
                continue;
            if (fields.Count != header.Count)
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{where}: {fields.Count} fields, the header has {header.Count}"));
            var row = new JsonObject();
            for (int c = 0; c < header.Count; c++)
            {
                if (fields[c].Length == 0)
                    continue;
                row[header[c]] = header[c] == "p" && double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double p)
                    ? JsonValue.Create(p) : JsonValue.Create(fields[c]);
            }
            rows.Add((row.ToJsonString(), where));
        }
        return rows;
    }

    /// <summary>The records of a CSV text with the line each starts on.</summary>
    private static List<(List<string> Fields, int Line)> Records(string text, string path)
    {
        var records = new List<(List<string>, int)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, start = 1;
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((fields, start));
                    (fields, any) = ([], false);
                    field.Clear();
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (quoted)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{path}:{start}: a quoted field is not closed"));
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((fields, start));
        }
        return records;
    }
}
