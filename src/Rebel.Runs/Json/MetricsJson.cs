using System.Buffers;
using System.Text.Json;
using Rebel.Preference;

namespace Rebel.Runs.Json;

/// <summary>
/// One <c>metrics.jsonl</c> line: the standard metrics, the algorithm's extras in its order, then <c>seconds</c>.
/// Doubles are written in their shortest round-trip form (so equal runs give equal bytes); a non-finite value is null.
/// </summary>
internal static class MetricsJson
{
    private static readonly string[] Standard = ["iteration", "dg_last", "dg_avg", "regret_avg", "kl_step", "entropy"];

    // One writer and one line buffer per thread: a new writer per line (and its buffer) cost as much as the numbers
    // themselves, and a sweep of short runs writes little else. The writer writes into the line buffer, not the run's
    // stream: flushing a writer flushes its stream, which put every line into its own write system call (a fifth of
    // a short sweep's CPU time); the stream's own buffer now gathers lines until the checkpoint flushes it to disk.
    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _line;

    public static void WriteLine(Stream stream, IterationMetrics m, double seconds)
    {
        var line = _line ??= new ArrayBufferWriter<byte>(1024);
        line.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(line);
        // Half a line after an error stays in the buffer, never in the run's stream; the next line resets both.
        w.Reset(line);
        w.WriteStartObject();
        w.WriteNumber("iteration", m.Iteration);
        foreach (var (key, value) in Columns(m))
            Number(w, key, value);
        Number(w, "seconds", seconds);
        w.WriteEndObject();
        w.Flush();
        line.Write("\n"u8);
        stream.Write(line.WrittenSpan);
    }

    /// <summary>The line's metric columns after <c>iteration</c> and before <c>seconds</c>, in order: the standard ones, then the algorithm's extras.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Columns(IterationMetrics m)
    {
        yield return new("dg_last", m.DualityGapLast);
        yield return new("dg_avg", m.DualityGapAverage);
        yield return new("regret_avg", m.AverageRegret);
        yield return new("kl_step", m.KlStep);
        yield return new("entropy", m.Entropy);
        foreach (var e in m.Extra)
            yield return e;
    }

    /// <summary>Reads a line back; null fields read as NaN.</summary>
    public static (IterationMetrics Metrics, double Seconds) ReadLine(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        var extra = e.EnumerateObject()
            .Where(p => !Standard.Contains(p.Name) && p.Name != "seconds")
            .Select(p => new KeyValuePair<string, double>(p.Name, Value(p.Value)))
            .ToArray();
        var m = new IterationMetrics(
            e.GetProperty("iteration").GetInt32(),
            Value(e.GetProperty("dg_last")),
            Value(e.GetProperty("dg_avg")),
            Value(e.GetProperty("regret_avg")),
            Value(e.GetProperty("kl_step")),
            Value(e.GetProperty("entropy")),
            extra);
        return (m, Value(e.GetProperty("seconds")));
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
            w.WriteNumber(name, value);
        else
            w.WriteNull(name);
    }

    private static double Value(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
}
