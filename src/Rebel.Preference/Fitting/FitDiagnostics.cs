using System.Globalization;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference;

namespace Rebel.Preference.Fitting;

/// <summary>
/// The diagnostics of <see cref="FitReport"/>: fit on all the data, accuracy on the pairs that form cycles, and
/// held-out log-likelihood and accuracy from a holdout split or k folds (a seeded shuffle of the comparisons).
/// </summary>
public static class FitDiagnostics
{
    /// <summary>
    /// Fits <paramref name="model"/> to <paramref name="dataPath"/> as <see cref="PreferenceFitting.Fit"/> does and reports how
    /// well it explains the data.
    /// </summary>
    /// <exception cref="Rebel.Games.GameValidationException">Unreadable or malformed data.</exception>
    /// <exception cref="OptionException">Both a holdout and folds, a holdout outside (0, 1), fewer than 2 folds or more folds than comparisons, or another value out of range (<see cref="PreferenceFitOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">A fit that does not exist.</exception>
    public static (TabularGame Game, FitReport Report) Diagnose(string dataPath, PreferenceModelKind model, PreferenceFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        options ??= new PreferenceFitOptions();
        options.Validate(model);
        var data = IndexedComparisons.Read(dataPath);
        if (options.Folds > data.Count)
            throw OptionException.Of<PreferenceFitOptions>(nameof(PreferenceFitOptions.Folds), options.Folds, string.Create(CultureInfo.InvariantCulture, $"more folds than the {data.Count} comparisons"));
        var oracle = PreferenceFitting.FitOracle(data, data.Comparisons, model, options);
        var all = Score(oracle, data.Comparisons, (_, _, _) => true);
        var cyclic = data.Comparisons.Select(CyclicPairs).ToArray();
        var onCycles = Score(oracle, data.Comparisons, (c, a, b) => cyclic[c].Contains((Math.Min(a, b), Math.Max(a, b))));
        var game = PreferenceFitting.ToGame(oracle, data, dataPath, model);
        var (validation, heldOut) = HeldOut(data, model, options);
        return (game, new FitReport(data.Count, all.LogLikelihood, all.Accuracy, onCycles.Count, onCycles.Accuracy,
            HodgeDecomposition.CyclicShareOf(game), validation, heldOut.LogLikelihood, heldOut.Accuracy));
    }

    /// <summary>Pooled held-out scores over the folds (one fold for a holdout), each scored by a model fitted without it.</summary>
    private static (string? Validation, Scores Scores) HeldOut(IndexedComparisons data, PreferenceModelKind model, PreferenceFitOptions options)
    {
        if (options.Holdout == 0 && options.Folds == 0)
            return (null, Scores.Empty);
        // A seeded permutation of the comparisons; fold f holds the positions with rank ≡ f (mod k), or the first
        // ⌈holdout·N⌉ ranks for a holdout split.
        int n = data.Count;
        var rank = Enumerable.Range(0, n).ToArray();
        var random = new SeededRandom(options.Seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (rank[i], rank[j]) = (rank[j], rank[i]);
        }
        bool holdout = options.Holdout != 0;
        int folds = holdout ? 1 : options.Folds;
        int held = holdout ? Math.Max(1, (int)Math.Ceiling(options.Holdout * n)) : 0;
        var total = Scores.Empty;
        for (int f = 0; f < folds; f++)
        {
            int fold = f;
            bool Test(int position) => holdout ? rank[position] < held : rank[position] % folds == fold;
            var oracle = PreferenceFitting.FitOracle(data, data.Where(p => !Test(p)), model, options);
            total += Score(oracle, data.Where(Test), (_, _, _) => true);
        }
        return (holdout ? string.Create(CultureInfo.InvariantCulture, $"holdout {options.Holdout}") : string.Create(CultureInfo.InvariantCulture, $"{folds}-fold"), total);
    }

    private static Scores Score(PreferenceOracle oracle, IReadOnlyList<List<(int A, int B, double P)>> comparisons, Func<int, int, int, bool> include)
    {
        var scores = Scores.Empty;
        for (int c = 0; c < comparisons.Count; c++)
        {
            foreach (var (a, b, p) in comparisons[c])
            {
                if (!include(c, a, b))
                    continue;
                double q = Math.Clamp(oracle.Probability(c, a, b), 1e-15, 1 - 1e-15);
                double logLikelihood = p * Math.Log(q) + (1 - p) * Math.Log(1 - q);
                // No winner, no accuracy; a model's tie earns half.
                double? correct = p == 0.5 ? null : q == 0.5 ? 0.5 : (p > 0.5) == (q > 0.5) ? 1 : 0;
                scores += new Scores(1, logLikelihood, correct is null ? 0 : 1, correct ?? 0);
            }
        }
        return scores;
    }

    /// <summary>
    /// The pairs (a &lt; b) on a cycle of the majority graph: a → b when the mean label of a over b is above 1/2. An
    /// edge lies on a cycle exactly when both ends are in one strongly connected component.
    /// </summary>
    private static HashSet<(int, int)> CyclicPairs(List<(int A, int B, double P)> comparisons)
    {
        var sums = new Dictionary<(int, int), (double Sum, int Count)>();
        foreach (var (a, b, p) in comparisons)
        {
            var key = (Math.Min(a, b), Math.Max(a, b));
            var (sum, count) = sums.GetValueOrDefault(key);
            sums[key] = (sum + (a < b ? p : 1 - p), count + 1);
        }
        int n = sums.Keys.Select(k => k.Item2 + 1).DefaultIfEmpty(0).Max();
        var forward = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var backward = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var ((a, b), (sum, count)) in sums)
        {
            double mean = sum / count;
            if (mean == 0.5)
                continue;
            var (from, to) = mean > 0.5 ? (a, b) : (b, a);
            forward[from].Add(to);
            backward[to].Add(from);
        }
        var component = StrongComponents.Of(forward, backward);
        return sums.Keys.Where(k => sums[k].Sum / sums[k].Count != 0.5 && component[k.Item1] == component[k.Item2]).ToHashSet();
    }

    /// <summary>Running sums of log-likelihood and accuracy over comparisons.</summary>
    private readonly record struct Scores(int Count, double LogLikelihoodSum, int Decided, double CorrectSum)
    {
        /// <summary>Nothing scored yet; its figures are NaN.</summary>
        public static Scores Empty => default;

        public double LogLikelihood => Count == 0 ? double.NaN : LogLikelihoodSum / Count;

        public double Accuracy => Decided == 0 ? double.NaN : CorrectSum / Decided;

        public static Scores operator +(Scores x, Scores y) =>
            new(x.Count + y.Count, x.LogLikelihoodSum + y.LogLikelihoodSum, x.Decided + y.Decided, x.CorrectSum + y.CorrectSum);
    }
}
