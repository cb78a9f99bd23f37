using System.Text.Json;

namespace Rebel.Runs.Json;

/// <summary>
/// Arrays of doubles in run files, with a non-finite value written as null as in <c>metrics.jsonl</c>: a gap that
/// overflowed or a diverged run's policy is still written, not lost to an exception.
/// </summary>
internal static class FiniteJson
{
    /// <summary>Writes <paramref name="values"/> as an array, named unless <paramref name="name"/> is null (an array inside an array).</summary>
    public static void WriteArray(Utf8JsonWriter w, string? name, IEnumerable<double> values)
    {
        if (name is null)
            w.WriteStartArray();
        else
            w.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
                w.WriteNumberValue(v);
            else
                w.WriteNullValue();
        }
        w.WriteEndArray();
    }
}
