using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rebel.Games;
using Rebel.Preference;

namespace Rebel.Runs.Json;

/// <summary><c>policy.json</c> (format <c>rebel-policy/1</c>): per context, the responses and the last and average iterates; a non-finite probability is null (read back by <see cref="Preference.Policies.ReferencePolicy"/>).</summary>
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
                FiniteJson.WriteArray(w, "last", last[c]);
                FiniteJson.WriteArray(w, "average", average[c]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
