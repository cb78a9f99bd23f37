using System.Globalization;
using System.Text.Json;
using Rebel.Games;
using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>
/// What a sweep runs: every game × algorithm × combination of the grid's option values × seed, each for
/// <see cref="Iterations"/> iterations. Read from a <c>rebel-sweep/1</c> file by <see cref="Load"/> or built from flags.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>The sweep-file format this version reads.</summary>
    public const string Format = "rebel-sweep/1";

    /// <summary>The largest sweep file read (a grid is a few lines).</summary>
    public const long MaxBytes = 1 << 20;

    private static readonly string[] Properties = ["format", "games", "algorithms", "grid", "seeds", "iterations", "checkpoint_seconds"];

    /// <summary>Game specs or game-file paths (files as absolute paths, so that runs resume from any directory).</summary>
    public required IReadOnlyList<string> Games { get; init; }

    /// <summary>Algorithm names in <see cref="AlgorithmCatalog"/>.</summary>
    public required IReadOnlyList<string> Algorithms { get; init; }

    /// <summary>The swept options, in column order (an option swept for several algorithms separately is one column); empty for a sweep over games, algorithms and seeds only.</summary>
    public IReadOnlyList<SweepParameter> Grid { get; init; } = [];

    /// <summary>Runs per grid point, with seeds 0..Seeds−1.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>The horizon T of every run.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Seconds of wall time between a run's checkpoints (<see cref="RunConfig.CheckpointSeconds"/>).</summary>
    public double CheckpointSeconds { get; init; } = 2;

    /// <summary>
    /// Reads a <c>rebel-sweep/1</c> file: <c>{"format": "rebel-sweep/1", "games": [...], "algorithms": [...],
    /// "grid": {"eta": [0.1, 0.2], "rebel:samples": [2, 4]}, "seeds": 3, "iterations": 2000}</c> (a key
    /// <c>algorithm:option</c> sweeps the option for that algorithm only).
    /// Grid values are JSON numbers, strings or booleans; relative game-file paths are taken relative to the file.
    /// Only the file's shape is checked here; <see cref="Sweep.Plan"/> checks names and values.
    /// </summary>
    /// <exception cref="RunException">The file cannot be read or is not a valid sweep file; the message names it and the property.</exception>
    public static SweepSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var bytes = BoundedFile.ReadAllBytes(path, MaxBytes);
            BoundedFile.EnsureUtf8(bytes);
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("not a JSON object");
            if (!root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
                throw new FormatException($"format is not '{Format}'");
            foreach (var p in root.EnumerateObject())
                if (!Properties.Contains(p.Name, StringComparer.Ordinal))
                    throw new FormatException($"unknown property '{p.Name}' (known: {string.Join(", ", Properties)})");
            string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var grid = new List<SweepParameter>();
            if (root.TryGetProperty("grid", out var g))
            {
                if (g.ValueKind != JsonValueKind.Object)
                    throw new FormatException("grid is not an object of option names to lists of values");
                foreach (var p in g.EnumerateObject())
                    grid.Add(SweepParameter.FromKey(p.Name, Values(p.Value, "grid." + p.Name)));
                if (grid.Count == 0)
                    throw new FormatException("grid is empty (give at least one option with its values, or leave grid out)");
            }
            return new SweepSpec
            {
                Games = Strings(root.GetProperty("games"), "games").Select(s => ResolveGame(s, baseDirectory)).ToArray(),
                Algorithms = Strings(root.GetProperty("algorithms"), "algorithms"),
                Grid = grid,
                Seeds = root.TryGetProperty("seeds", out var s) ? Integer(s, "seeds") : 3,
                Iterations = Integer(root.GetProperty("iterations"), "iterations"),
                CheckpointSeconds = root.TryGetProperty("checkpoint_seconds", out var c) ? Real(c, "checkpoint_seconds") : 2,
            };
        }
        catch (KeyNotFoundException e)
        {
            throw new RunException($"{path}: invalid sweep file: a required property is missing (games, algorithms and iterations are required)", e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new RunException($"{path}: invalid sweep file: {e.Message.Split('\n')[0]}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunException($"{path}: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>
    /// The spec as a <c>rebel-sweep/1</c> file that <see cref="Load"/> reads back to the same sweep (numbers as JSON
    /// numbers, other values as strings; game files by absolute path).
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteStartArray("games");
            foreach (string game in Games)
                w.WriteStringValue(GameSource.IsFile(game) ? Path.GetFullPath(game) : game);
            w.WriteEndArray();
            w.WriteStartArray("algorithms");
            foreach (string algorithm in Algorithms)
                w.WriteStringValue(algorithm);
            w.WriteEndArray();
            if (Grid.Count > 0)
            {
                w.WriteStartObject("grid");
                foreach (var p in Grid)
                {
                    w.WriteStartArray(p.Key);
                    foreach (string v in p.Values)
                    {
                        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
                            w.WriteNumberValue(x);
                        else
                            w.WriteStringValue(v);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteNumber("seeds", Seeds);
            w.WriteNumber("iterations", Iterations);
            w.WriteNumber("checkpoint_seconds", CheckpointSeconds);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A game file named relative to the sweep file, made absolute; zoo specs stay as they are.</summary>
    private static string ResolveGame(string spec, string baseDirectory) =>
        GameSource.IsFile(spec) && !Path.IsPathRooted(spec) ? Path.GetFullPath(Path.Combine(baseDirectory, spec)) : spec;

    private static string[] Strings(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw new FormatException($"{name} is not a list of strings");
        return e.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    private static string[] Values(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{name} is not a list of values");
        return e.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new FormatException($"{name} holds {v.GetRawText()}, not a number, string or boolean"),
        }).ToArray();
    }

    private static double Real(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v)
            ? v
            : throw new FormatException($"{name} = {e.GetRawText()} is not a number");

    private static int Integer(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v)
            ? v
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name} = {e.GetRawText()} is not a 32-bit integer"));
}
