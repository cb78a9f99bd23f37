using System.Globalization;
using Rebel.Games;
using Rebel.Preference.Fitting;

namespace Rebel.Preference.SelfPlay;

/// <summary>
/// The offline comparison distribution μ of a hybrid run (<c>--offline pairs.jsonl</c>): per context, the empirical
/// distribution of the responses that appear in the data (each appearance in <c>a</c> or <c>b</c> counts once).
/// Contexts without data have no μ and stay pure self-play.
/// </summary>
public sealed class OfflineDistribution
{
    private readonly int[][] _responses;

    private OfflineDistribution(int[][] responses) => _responses = responses;

    /// <summary>Reads <paramref name="path"/> and maps its names onto <paramref name="game"/>.</summary>
    /// <exception cref="GameValidationException">Malformed data, or a context or response the game does not have (naming file and line).</exception>
    public static OfflineDistribution Load(string path, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(game);
        var contexts = game.Contexts.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var responses = game.Contexts.Select(c => c.Responses.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i, StringComparer.Ordinal)).ToArray();
        var lists = game.Contexts.Select(_ => new List<int>()).ToArray();
        if (path.Length == 0)
            throw new GameValidationException("offline: the data file path is empty");
        if (!File.Exists(path))
            throw new GameValidationException($"{path}: offline data file not found");
        foreach (var (line, where) in PairwiseData.Lines(path))
        {
            var row = PairwiseData.ParseLine(line, where);
            if (!contexts.TryGetValue(row.Context, out int c))
                throw new GameValidationException($"{where}: the game '{game.Name}' has no context '{row.Context}'");
            foreach (string name in new[] { row.A, row.B })
            {
                if (!responses[c].TryGetValue(name, out int y))
                    throw new GameValidationException($"{where}: context '{row.Context}' has no response '{name}'");
                lists[c].Add(y);
            }
        }
        return new OfflineDistribution(lists.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>Whether context <paramref name="context"/> has offline responses.</summary>
    public bool Covers(int context) => _responses[context].Length > 0;

    /// <summary>A draw from μ(·|x) given a uniform index source.</summary>
    internal int Draw(int context, Rebel.Games.Randomness.SeededRandom random) => _responses[context][random.NextInt(_responses[context].Length)];
}
