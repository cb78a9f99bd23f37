using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Exact minimax-winner solver for symmetric (skew) games. Fast path: predictive regret matching⁺ guesses the support,
/// a block principal pivot brings that guess into a Lemke basis and complementary pivoting repairs what the guess got
/// wrong, on the game restricted to the responses the warm start ranks best (a pool a quarter larger than the guess,
/// grown by every response that beats the pool's winner until none does: column generation, so the dictionary and
/// each pivot shrink with the pool); a failed warm run is retried with a five times longer warm start.
/// Ill-conditioned games (numerically low-rank margins) then pivot again in double-double precision, where a double
/// dictionary keeps too few digits. Fallback: Lemke's method from the cold start
/// with the lexicographic ratio test, which ends at a minimax winner on every game, degenerate ones included (non-unique
/// winners, singular blocks, 0/1 preferences), though on very symmetric games only after exponentially many pivots.
/// Every candidate is polished by the equaliser system of its support, and the returned policy carries its own duality gap.
/// </summary>
public static class MinimaxWinner
{
    /// <summary>Solves one context with the default options.</summary>
    public static MinimaxWinnerResult Solve(GameContext context) => Solve(context, MinimaxWinnerOptions.Default);

    /// <summary>Solves one context.</summary>
    public static MinimaxWinnerResult Solve(GameContext context, MinimaxWinnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = context.Count;
        int budget = (int)Math.Min(int.MaxValue, (long)options.MaxPivotsPerResponse * n + 100);
        MinimaxWinnerResult? best = null;
        long iterations = options.WarmStartIterations;
        int[]? firstGuess = null;
        for (int attempt = 0; attempt <= options.WarmStartRetries && iterations > 0 && n > 1; attempt++, iterations *= 5)
        {
            var (guess, pool) = GuessSupport(context, (int)Math.Min(iterations, int.MaxValue), options.GuessWidth);
            firstGuess ??= guess;
            best = Better(best, Attempt(context, guess, pool, budget, options));
            if (best is not null && best.DualityGap <= options.Tolerance)
                return best;
        }
        if (firstGuess is not null)
        {
            // On ill-conditioned games the double dictionary is what fails, not the guess: pivot again in double-double,
            // from the warm guess and from the best support the double runs found.
            foreach (var guess in new[] { firstGuess, [.. best?.Support ?? []] })
            {
                best = Better(best, Attempt(context, guess, null, budget, options, extended: true));
                if (best is not null && best.DualityGap <= options.Tolerance)
                    return best;
            }
        }
        // Cold-start Lemke always ends at a solution, but its path can be exponentially long on very symmetric games
        // (regular tournaments); the warm starts above are what makes it rare.
        best = Better(best, Attempt(context, [], null, budget, options));
        return best ?? throw new InvalidOperationException($"context '{context.Name}': Lemke's method exceeded {budget} pivots; raise {nameof(MinimaxWinnerOptions.MaxPivotsPerResponse)}");
    }

    /// <summary>
    /// Lemke from the basis of <paramref name="guess"/> on the game restricted to <paramref name="pool"/> (null: the whole
    /// game); when the certificate misses the tolerance, again from a fresh dictionary on the support found plus the
    /// responses that beat it. A beating response outside the pool joins it (the restricted game lacked it; such rounds
    /// are not counted, and the pool only grows); otherwise the round is a repair, up to
    /// <see cref="MinimaxWinnerOptions.RepairRounds"/> of them. On
    /// ill-conditioned games (numerically low-rank margins, e.g. sigmoid disc games) the pivots divide by tiny entries, so
    /// the dictionary's constants drift and Lemke stops at a basis whose support misses responses that actually beat it
    /// by ~1e-7; a fresh start that already holds those responses discards the drift and often reaches a better basis
    /// (not monotonically, so every round's certificate competes).
    /// </summary>
    internal static MinimaxWinnerResult? Attempt(GameContext context, int[] guess, int[]? pool, int budget, MinimaxWinnerOptions options, bool extended = false)
    {
        MinimaxWinnerResult? result = null;
        for (int repairs = 0; repairs <= options.RepairRounds;)
        {
            var dictionary = new LemkeDictionary(context.PreferenceValues, context.Count, pool, extended);
            dictionary.PivotIn(guess);
            if (!dictionary.Run(budget))
                return result;
            var found = Certified(context, dictionary.Solution());
            result = Better(result, found);
            if (found.DualityGap <= options.Tolerance)
                return found;
            var beating = Beating(context, found.Policy, options.Tolerance / 2).ToArray();
            guess = [.. found.Support.Union(beating)];
            int[]? grown = pool is null ? null : [.. pool.Union(beating)];
            if (grown is null || grown.Length == pool!.Length)
                repairs++;
            pool = grown;
        }
        return result;
    }

    /// <summary>Responses whose win rate against <paramref name="policy"/> exceeds 1/2 by more than <paramref name="margin"/>.</summary>
    private static IEnumerable<int> Beating(GameContext context, Vector<double> policy, double margin)
    {
        var winRates = WinRate.Against(context, policy);
        return Enumerable.Range(0, context.Count).Where(j => winRates[j] - 0.5 > margin);
    }

    private static MinimaxWinnerResult? Better(MinimaxWinnerResult? a, MinimaxWinnerResult? b) =>
        a is null ? b : b is null || a.DualityGap <= b.DualityGap ? a : b;

    /// <summary>Solves every context of a game with the default options.</summary>
    public static GameSolution Solve(TabularGame game) => Solve(game, MinimaxWinnerOptions.Default);

    /// <summary>Solves every context of a game.</summary>
    public static GameSolution Solve(TabularGame game, MinimaxWinnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        var results = game.Contexts.Select(c => Solve(c, options)).ToArray();
        var policy = new TabularPolicy(results.Select(r => r.Policy).ToArray());
        double dg = game.Contexts.Select((c, i) => c.Weight * results[i].DualityGap).Sum();
        return new GameSolution(policy, results, dg);
    }

    /// <summary>
    /// The guess: responses whose margin against the warm-start average is within <c>GuessWidth · max margin</c> of the
    /// best. The pool: the guess and the next best responses by that margin, a quarter as many again (at least
    /// <see cref="PoolSlack"/>); null, the whole game, once the pool would hold most of it.
    /// </summary>
    private static (int[] Guess, int[]? Pool) GuessSupport(GameContext context, int iterations, double width)
    {
        int n = context.Count;
        var average = RegretMatchingWarmStart.Run(context, iterations);
        var winRates = new double[n];
        WinRate.Against(context, average, winRates);
        double best = winRates[Kernels.ArgMax(winRates)] - 0.5;
        double threshold = best - width * Math.Max(best, 0);
        var guess = Enumerable.Range(0, n).Where(i => winRates[i] - 0.5 >= threshold).ToArray();
        int size = guess.Length + Math.Max(guess.Length / 4, PoolSlack);
        if (size >= n * 9 / 10)
            return (guess, null);
        var ranked = Enumerable.Range(0, n).OrderByDescending(i => winRates[i]).ThenBy(i => i);
        return (guess, [.. guess.Union(ranked).Take(size).Order()]);
    }

    /// <summary>The fewest responses a pool holds beyond the guess.</summary>
    private const int PoolSlack = 16;

    /// <summary>
    /// The better (by duality gap) of the pivoting solution and the equaliser solution on its support: pivoting
    /// accumulates round-off over many pivots, one direct solve on the right support does not.
    /// </summary>
    private static MinimaxWinnerResult Certified(GameContext context, double[] z)
    {
        var pivoted = Result(context, z);
        var polished = EqualiserSystem.Solve(context.PreferenceValues, context.Count, pivoted.Support);
        if (polished is null || polished.Any(v => v < -1e-12 || !double.IsFinite(v)))
            return pivoted;
        var equalised = Result(context, polished);
        return equalised.DualityGap <= pivoted.DualityGap ? equalised : pivoted;
    }

    /// <summary>Clips round-off negatives, normalises, and certifies.</summary>
    private static MinimaxWinnerResult Result(GameContext context, double[] weights)
    {
        var pi = new double[weights.Length];
        double sum = 0;
        for (int i = 0; i < pi.Length; i++)
        {
            pi[i] = Math.Max(weights[i], 0);
            sum += pi[i];
        }
        for (int i = 0; i < pi.Length; i++)
            pi[i] /= sum;
        var support = Enumerable.Range(0, pi.Length).Where(i => pi[i] > 0).ToArray();
        var policy = Vector<double>.Build.Dense(pi);
        return new MinimaxWinnerResult(policy, support, DualityGap.Of(context, policy));
    }
}
