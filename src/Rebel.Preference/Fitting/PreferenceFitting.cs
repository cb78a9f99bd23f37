using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Fitting;

/// <summary>
/// <c>rebel fit-pref</c>: fits a preference model to <c>pairs.jsonl</c> and evaluates it on the observed responses of
/// every context, giving a tabular game (contexts and responses named as in the data, in order of first
/// appearance, contexts weighted equally). Saved as a <c>rebel-game/1</c> file, it loads back through
/// <see cref="GameSource.Load(string)"/> wherever a game spec is accepted.
/// </summary>
public static class PreferenceFitting
{
    /// <summary>Fits <paramref name="model"/> to the data in <paramref name="dataPath"/>.</summary>
    /// <exception cref="GameValidationException">Unreadable or malformed data (the message names file and line).</exception>
    /// <exception cref="OptionException">An option out of range (<see cref="PreferenceFitOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">A Bradley–Terry fit without a ridge on data where it does not exist (names context and response).</exception>
    public static TabularGame Fit(string dataPath, PreferenceModelKind model, PreferenceFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        options ??= new PreferenceFitOptions();
        options.Validate(model);
        var data = IndexedComparisons.Read(dataPath);
        return ToGame(FitOracle(data, data.Comparisons, model, options), data, dataPath, model);
    }

    /// <summary>The fitted model as a game named after the data file and the model, over the data's contexts and responses.</summary>
    internal static TabularGame ToGame(PreferenceOracle fitted, IndexedComparisons data, string dataPath, PreferenceModelKind model) =>
        fitted.ToGame(Path.GetFileNameWithoutExtension(dataPath) + "-" + model.ToString().ToLowerInvariant(), data.Contexts, data.Responses);

    /// <summary>The model fitted to <paramref name="comparisons"/> (all of <paramref name="data"/>, or a training fold), over every response of the data.</summary>
    internal static PreferenceOracle FitOracle(IndexedComparisons data, IReadOnlyList<List<(int A, int B, double P)>> comparisons, PreferenceModelKind model, PreferenceFitOptions options) => model switch
    {
        PreferenceModelKind.Bt => new BradleyTerryOracle(comparisons.Select((list, c) => FitBradleyTerry(data.Contexts[c], data.Responses[c], list, options.Ridge)).ToArray()),
        PreferenceModelKind.Gpm => FitGpm(data.Responses, comparisons, options),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown preference model"),
    };

    /// <summary>Atomically writes a fitted model as a <c>rebel-game/1</c> file.</summary>
    public static void Save(TabularGame game, string path) => GameFile.Write(path, game);

    private static double[] FitBradleyTerry(string context, List<string> responses, List<(int A, int B, double P)> comparisons, double ridge)
    {
        int n = responses.Count;
        var wins = new double[n * n];
        foreach (var (a, b, p) in comparisons)
        {
            wins[a * n + b] += p;
            wins[b * n + a] += 1 - p;
        }
        try
        {
            return BradleyTerryFit.Fit(wins, n, ridge, names: responses);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"context '{context}', {e.Message}", e);
        }
    }

    private static GpmOracle FitGpm(IReadOnlyList<List<string>> responses, IReadOnlyList<List<(int A, int B, double P)>> comparisons, PreferenceFitOptions options)
    {
        var random = new SeededRandom(options.Seed);
        return new GpmOracle(comparisons.Select((list, c) => (IReadOnlyList<double[]>)GpmFit.Fit(responses[c].Count, list, options, random)).ToArray());
    }
}
