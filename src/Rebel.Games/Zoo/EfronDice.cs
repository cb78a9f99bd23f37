
namespace Rebel.Games.Zoo;

/// <summary>
/// Efron's four non-transitive dice A = (4,4,4,4,0,0), B = (3,3,3,3,3,3), C = (6,6,2,2,2,2), D = (5,5,5,1,1,1):
/// A beats B, B beats C, C beats D and D beats A, each with probability 2/3; <c>P(a ≻ b)</c> is the exact probability
/// that die a rolls higher (ties, which these dice never have, would count 1/2). The minimax winners form the segment
/// from (3/7, 1/7, 3/7, 0) to (0, 1/2, 0, 1/2).
/// </summary>
public sealed class EfronDice : IGameFamily
{
    private static readonly int[][] Faces =
    [
        [4, 4, 4, 4, 0, 0],
        [3, 3, 3, 3, 3, 3],
        [6, 6, 2, 2, 2, 2],
        [5, 5, 5, 1, 1, 1],
    ];

    /// <inheritdoc/>
    public string Name => "efron-dice";

    /// <inheritdoc/>
    public string Description => "Efron's four non-transitive dice; the minimax winner is not unique";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } = [];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var p = Preferences.FromUpper(Faces.Length, (a, b) => WinProbability(Faces[a], Faces[b]));
        return Preferences.Single(spec, ["A", "B", "C", "D"], p);
    }

    private static double WinProbability(int[] a, int[] b)
    {
        // Count in half-outcomes so the division by 72 is the only rounding.
        int halves = 0;
        foreach (int x in a)
            foreach (int y in b)
                halves += x > y ? 2 : x == y ? 1 : 0;
        return halves / (2.0 * a.Length * b.Length);
    }
}
