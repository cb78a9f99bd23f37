namespace Rebel.Games.Exact;

/// <summary>Exact minimax-winner solver. PLACEHOLDER: the solver is being written.</summary>
public static class MinimaxWinner
{
    /// <summary>Solves one context.</summary>
    public static MinimaxWinnerResult Solve(GameContext context) => throw new NotImplementedException();

    /// <summary>Solves every context of a game.</summary>
    public static GameSolution Solve(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var results = game.Contexts.Select(Solve).ToArray();
        var policy = new TabularPolicy(results.Select(r => r.Policy).ToArray());
        double dg = game.Contexts.Select((c, i) => c.Weight * results[i].DualityGap).Sum();
        return new GameSolution(policy, results, dg);
    }
}
