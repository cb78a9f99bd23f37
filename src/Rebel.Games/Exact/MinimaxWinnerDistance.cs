using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Exact;

/// <summary>
/// The L1 distance of a policy to the minimax winner, <c>Σ_x ρ(x) ‖π(·|x) − π*(·|x)‖₁</c> (<c>dist_mw</c>), defined when
/// every context's minimax winner is unique. The solver returns one minimax winner π* with support S; it is the
/// only one when (a) every response outside S loses strictly, <c>(P π*)(y) &lt; 1/2</c>, and (b) the margins among S have
/// a one-dimensional kernel. Why that suffices: another minimax winner π′ satisfies <c>π*ᵀMπ′ = 0</c> by skew-symmetry
/// of <c>M = P − 1/2</c>, so (a) puts π′ on S and then <c>M_SS π′_S = 0</c>, whose only solution with unit sum is
/// <c>π*_S</c> by (b). A non-unique minimax winner (a face) has no single distance to report: <see cref="Reason"/> says why.
/// </summary>
public sealed class MinimaxWinnerDistance
{
    /// <summary>Largest response set solved for the metric; larger games skip it rather than delay the run.</summary>
    public const int MaxResponses = 1000;

    /// <summary>How far below 1/2 an off-support response must lose, and the relative size of a null singular value.</summary>
    private const double Tolerance = 1e-9;

    private readonly double[][]? _winners;
    private readonly double[] _weights;

    private MinimaxWinnerDistance(double[][]? winners, double[] weights, string? reason)
    {
        _winners = winners;
        _weights = weights;
        Reason = reason;
    }

    /// <summary>Whether every context's minimax winner is unique, so that the distance is defined.</summary>
    public bool IsDefined => _winners is not null;

    /// <summary>Why the distance is not defined (a context whose minimax winner is not unique, or too large), else null.</summary>
    public string? Reason { get; }

    // One solve per game object: the runs of a compare or a sweep share the game they were loaded with, and a solve can
    // cost seconds (gpm:n=1000), more than a short run; Lazy makes runs that start together wait for the one solve.
    private static readonly ConditionalWeakTable<TabularGame, Lazy<MinimaxWinnerDistance>> Solved = new();

    /// <summary>
    /// Solves every context of <paramref name="game"/> and checks that its minimax winner is unique; solved once per
    /// game object (games are immutable), however many runs ask.
    /// </summary>
    public static MinimaxWinnerDistance For(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Solved.GetValue(game, g => new Lazy<MinimaxWinnerDistance>(() => Solve(g))).Value;
    }

    private static MinimaxWinnerDistance Solve(TabularGame game)
    {
        var weights = game.Contexts.Select(c => c.Weight).ToArray();
        if (game.MaxResponses > MaxResponses)
            return new(null, weights, string.Create(CultureInfo.InvariantCulture, $"a context has more than {MaxResponses} responses"));
        if (game.Contexts.FirstOrDefault(c => c.Kernel is not null) is { } large)
            return new(null, weights, $"context '{large.Name}' has no stored matrix to solve");
        var winners = new double[game.Contexts.Count][];
        for (int c = 0; c < winners.Length; c++)
        {
            var context = game.Contexts[c];
            var solution = MinimaxWinner.Solve(context);
            if (!IsUnique(context, solution))
                return new(null, weights, $"context '{context.Name}' has more than one minimax winner");
            winners[c] = solution.Policy.ToArray();
        }
        return new(winners, weights, null);
    }

    /// <summary>
    /// <c>‖s·p − π*(·|x)‖₁</c> for context <paramref name="context"/>, with <paramref name="scale"/> s turning sums of
    /// policies into their mean; NaN when the distance is not defined.
    /// </summary>
    public double Of(int context, ReadOnlySpan<double> policy, double scale = 1)
    {
        if (_winners is null)
            return double.NaN;
        var winner = _winners[context];
        double distance = 0;
        for (int y = 0; y < winner.Length; y++)
            distance += Math.Abs(scale * policy[y] - winner[y]);
        return distance;
    }

    /// <summary>The weight ρ(x) of context <paramref name="context"/>.</summary>
    public double Weight(int context) => _weights[context];

    /// <summary>The weighted distance of the average iterate <c>π̄_T</c> kept by <paramref name="regret"/>; NaN when not defined.</summary>
    public double OfAverage(RegretTracker regret)
    {
        ArgumentNullException.ThrowIfNull(regret);
        if (_winners is null || regret.Iterations == 0)
            return double.NaN;
        double total = 0, scale = 1.0 / regret.Iterations;
        for (int c = 0; c < _weights.Length; c++)
            total += _weights[c] * Of(c, regret.PolicySumsOf(c), scale);
        return total;
    }

    private static bool IsUnique(GameContext context, MinimaxWinnerResult solution)
    {
        var winRates = context.Preference * solution.Policy;
        var support = solution.Support.ToHashSet();
        for (int y = 0; y < context.Count; y++)
            if (!support.Contains(y) && !(winRates[y] < 0.5 - Tolerance))
                return false;
        int s = solution.Support.Count;
        if (s == 1)
            return true;
        var margins = Matrix<double>.Build.Dense(s, s, (i, j) => context.Preference[solution.Support[i], solution.Support[j]] - 0.5);
        var singular = margins.Svd(computeVectors: false).S;
        double cutoff = Tolerance * Math.Max(1, singular.AbsoluteMaximum());
        return singular.Count(v => v <= cutoff) == 1;
    }
}
