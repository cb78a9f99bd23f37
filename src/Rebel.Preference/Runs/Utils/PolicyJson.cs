using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference.Runs.Utils;

/// <summary><c>policy.json</c> (format <c>rebel-policy/1</c>): per context, the responses and the last and average iterates; a non-finite probability is null.</summary>
internal static class PolicyJson
{
    public static string Serialize(TabularGame game, ISelfPlayAlgorithm algorithm)
    {
        var last = algorithm.Current;
        var average = algorithm.Average;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", "rebel-policy/1");
            w.WriteString("game", game.Name);
            w.WriteString("algorithm", algorithm.Name);
            w.WriteNumber("iteration", algorithm.Iteration);
            w.WriteStartArray("contexts");
            for (int c = 0; c < game.Contexts.Count; c++)
            {
                w.WriteStartObject();
                w.WriteString("name", game.Contexts[c].Name);
                w.WriteStartArray("responses");
                foreach (var r in game.Contexts[c].Responses)
                    w.WriteStringValue(r);
                w.WriteEndArray();
                Probabilities(w, "last", last[c]);
                Probabilities(w, "average", average[c]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Probabilities(Utf8JsonWriter w, string name, IEnumerable<double> p)
    {
        w.WriteStartArray(name);
        foreach (double v in p)
        {
            // A diverged run's policy is still written (as null, like metrics.jsonl), not lost to an exception.
            if (double.IsFinite(v))
                w.WriteNumberValue(v);
            else
                w.WriteNullValue();
        }
        w.WriteEndArray();
    }
}
