using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Preference.Policies;

/// <summary>Reference policies π_ref of the regularised game, read from <c>rebel-policy/1</c> files (docs/regularised-game.md).</summary>
public static class ReferencePolicy
{
    /// <summary>
    /// The <c>last</c> iterate of the <c>rebel-policy/1</c> file at <paramref name="path"/>, checked against
    /// <paramref name="game"/> (same contexts and responses, in order) and positive, for use as a reference policy.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is not a policy of this game, or has a zero probability.</exception>
    public static TabularPolicy Load(string path, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(game);
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
                ? new InvalidDataException($"{path}: no such file (the reference policy is a rebel-policy/1 file, such as a run's policy.json)", e)
                : new InvalidDataException($"{path}: cannot use as the reference policy: {e.Message.Split('\n')[0]}", e);
        }
    }
}
