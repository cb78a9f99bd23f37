using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Fitting;

/// <summary>
/// <c>rebel fit-pref</c>: fits a preference model to <c>pairs.jsonl</c> and evaluates it on the observed responses of
/// every context, giving a tabular game (contexts and responses named as in the data, in order of first
/// appearance, contexts weighted equally). Saved as a <c>rebel-game/1</c> file, it loads back through
/// <see cref="GameSource.Load"/> wherever a game spec is accepted.
/// </summary>
public static class PreferenceFitting
{
    /// <summary>Fits <paramref name="model"/> to the data in <paramref name="dataPath"/>.</summary>
    /// <exception cref="GameValidationException">Unreadable or malformed data (the message names file and line).</exception>
    public static TabularGame Fit(string dataPath, PreferenceModelKind model, PreferenceFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        options ??= new PreferenceFitOptions();
        var data = PairwiseData.Read(dataPath);
        var contextNames = new List<string>();
        var responses = new List<List<string>>();
        var comparisons = new List<List<(int A, int B, double P)>>();
        var contextIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var responseIndex = new List<Dictionary<string, int>>();
        foreach (var row in data)
        {
            if (!contextIndex.TryGetValue(row.Context, out int c))
            {
                c = contextIndex[row.Context] = contextNames.Count;
                contextNames.Add(row.Context);
                responses.Add([]);
                comparisons.Add([]);
                responseIndex.Add(new Dictionary<string, int>(StringComparer.Ordinal));
            }
            comparisons[c].Add((Index(row.A, c), Index(row.B, c), row.P));
        }
        PairwiseData.EnsureGameFits(dataPath, contextNames, responses);
        string name = Path.GetFileNameWithoutExtension(dataPath) + "-" + model.ToString().ToLowerInvariant();
        PreferenceOracle oracle = model switch
        {
            PreferenceModelKind.Bt => new BradleyTerryOracle(comparisons.Select((list, c) => FitBradleyTerry(responses[c].Count, list, options.Ridge)).ToArray()),
            PreferenceModelKind.Gpm => FitGpm(responses, comparisons, options),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown preference model"),
        };
        return oracle.ToGame(name, contextNames, responses);

        int Index(string response, int c)
        {
            if (!responseIndex[c].TryGetValue(response, out int i))
            {
                i = responseIndex[c][response] = responses[c].Count;
                responses[c].Add(response);
            }
            return i;
        }
    }

    /// <summary>Atomically writes a fitted model as a <c>rebel-game/1</c> file.</summary>
    public static void Save(TabularGame game, string path) => GameFile.Write(path, game);

    private static double[] FitBradleyTerry(int n, List<(int A, int B, double P)> comparisons, double ridge)
    {
        var wins = new double[n * n];
        foreach (var (a, b, p) in comparisons)
        {
            wins[a * n + b] += p;
            wins[b * n + a] += 1 - p;
        }
        return BradleyTerryFit.Fit(wins, n, ridge);
    }

    private static GpmOracle FitGpm(List<List<string>> responses, List<List<(int A, int B, double P)>> comparisons, PreferenceFitOptions options)
    {
        var random = new SeededRandom(options.Seed);
        return new GpmOracle(comparisons.Select((list, c) => (IReadOnlyList<double[]>)GpmFit.Fit(responses[c].Count, list, options, random)).ToArray());
    }
}
