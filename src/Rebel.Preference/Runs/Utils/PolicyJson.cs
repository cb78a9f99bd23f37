using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;

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
                FiniteJson.WriteArray(w, "last", last[c]);
                FiniteJson.WriteArray(w, "average", average[c]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The <c>last</c> iterate of the <c>rebel-policy/1</c> file at <paramref name="path"/>, checked against
    /// <paramref name="game"/> (same contexts and responses, in order) and positive, for use as a reference policy.
    /// </summary>
    /// <exception cref="RunException">The file cannot be read, is not a policy of this game, or has a zero probability.</exception>
    public static TabularPolicy ReadReference(string path, TabularGame game)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != "rebel-policy/1")
                throw new FormatException("not a rebel-policy/1 file");
            var contexts = root.GetProperty("contexts").EnumerateArray().ToArray();
            if (contexts.Length != game.Contexts.Count)
                throw new FormatException($"{contexts.Length} contexts, the game '{game.Name}' has {game.Contexts.Count}");
            var policy = new TabularPolicy(contexts.Select((e, c) =>
            {
                var responses = e.GetProperty("responses").EnumerateArray().Select(r => r.GetString()).ToArray();
                if (!responses.SequenceEqual(game.Contexts[c].Responses))
                    throw new FormatException($"context {c}: its responses differ from those of context '{game.Contexts[c].Name}'");
                return MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(e.GetProperty("last").EnumerateArray().Select(v => v.GetDouble()));
            }).ToArray());
            RegularisedGame.EnsureReference(game, policy);
            return policy;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
                                      or InvalidOperationException or FormatException or ArgumentException)
        {
            throw e is FileNotFoundException or DirectoryNotFoundException
                ? new RunException($"{path}: no such file (the reference policy is a rebel-policy/1 file, such as a run's policy.json)", e)
                : new RunException($"{path}: cannot use as the reference policy: {e.Message.Split('\n')[0]}", e);
        }
    }
}
