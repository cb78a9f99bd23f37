namespace Rebel.Games.Exact;

/// <summary>Options of <see cref="MinimaxWinner"/>. The defaults solve every game to machine precision.</summary>
/// <param name="Tolerance">Largest duality gap the fast path may return; above it the certified cold-start pivoting runs. Default 1e-10.</param>
/// <param name="WarmStartIterations">Predictive regret-matching⁺ iterations that guess the support before pivoting; 0 skips the warm start. Default 200.</param>
/// <param name="WarmStartRetries">Further warm starts, each with five times more iterations, when a warm run fails its certificate or budget. Default 2.</param>
/// <param name="GuessWidth">A response joins the guessed support when its win-rate margin is within <c>GuessWidth · max margin</c> of the best. Default 5.</param>
/// <param name="MaxPivotsPerResponse">Pivot budget of one Lemke run, per response; a warm run over budget is retried with a longer warm start, then the cold start runs. Default 100.</param>
/// <param name="RepairRounds">Fresh Lemke restarts, on the support found plus the responses that beat it, while a run misses the tolerance; the best certificate wins. Default 4.</param>
public sealed record MinimaxWinnerOptions(
    double Tolerance = 1e-10,
    int WarmStartIterations = 200,
    int WarmStartRetries = 2,
    double GuessWidth = 5,
    int MaxPivotsPerResponse = 100,
    int RepairRounds = 4)
{
    /// <summary>The default options.</summary>
    public static MinimaxWinnerOptions Default { get; } = new();

    /// <summary>Rejects negative tolerances, counts and widths, and an empty pivot budget.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(Tolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance must be non-negative");
        ArgumentOutOfRangeException.ThrowIfNegative(WarmStartIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(WarmStartRetries);
        if (!(GuessWidth >= 0))
            throw new ArgumentOutOfRangeException(nameof(GuessWidth), GuessWidth, "the guess width must be non-negative");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPivotsPerResponse, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RepairRounds);
    }
}
