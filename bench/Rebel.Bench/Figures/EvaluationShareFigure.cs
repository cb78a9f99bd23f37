using System.Diagnostics;
using System.Globalization;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Evaluation;

namespace Rebel.Bench.Figures;

/// <summary>
/// The share of a sampled REBEL run spent evaluating (issue 26 §3): ms per iteration when every iteration is evaluated,
/// when none is, and at <see cref="PolicyEvaluator.AutoEvery"/>, on one random game of <paramref name="n"/> responses.
/// The share is <c>(t_schedule − t_none) / t_schedule</c>; the goal is at most 20 % at the automatic interval.
/// </summary>
/// <param name="n">Responses.</param>
public sealed class EvaluationShareFigure(int n) : IFigure
{
    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int iterations = context.Quick ? 64 : 512;
        var game = GameSource.Load(string.Create(CultureInfo.InvariantCulture, $"random:n={n},seed=1"));
        int auto = PolicyEvaluator.AutoEvery(game);
        // Alternated three times, the best of each kept, so that a slow phase of the machine hits all three alike.
        double every = double.MaxValue, none = double.MaxValue, scheduled = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            every = Math.Min(every, MillisecondsPerIteration(game, iterations, 1));
            none = Math.Min(none, MillisecondsPerIteration(game, iterations, int.MaxValue));
            scheduled = Math.Min(scheduled, MillisecondsPerIteration(game, iterations, auto));
        }
        yield return new FigureRow(
            string.Create(CultureInfo.InvariantCulture, $"sampled REBEL random n={n}: evaluation share at --log-every {auto} (auto)"),
            100 * (scheduled - none) / scheduled,
            100 * (every - none) / every,
            string.Create(CultureInfo.InvariantCulture, $"percent of run time; peer column: every iteration evaluated; ms/iteration: every {every:G3}, auto {scheduled:G3}, none {none:G3}"));
    }

    private static double MillisecondsPerIteration(TabularGame game, int iterations, int every)
    {
        var rebel = AlgorithmCatalog.Find("rebel").Instantiate(new AlgorithmSetup(game, iterations, 1, new SelfPlayOptions(), null));
        rebel.Step(); // the minimax winner of dist_mw is solved at the first evaluation: not a per-iteration cost
        var clock = Stopwatch.StartNew();
        for (int t = 2; t <= iterations + 1; t++)
            rebel.Step(evaluate: t % every == 0);
        return clock.Elapsed.TotalMilliseconds / iterations;
    }
}
