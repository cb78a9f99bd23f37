
namespace Rebel.Games.Zoo;

/// <summary>Rock–paper–scissors: each action beats the next with probability <c>win</c>; the minimax winner is uniform.</summary>
public sealed class RockPaperScissors : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "rps";

    /// <inheritdoc/>
    public string Description => "rock-paper-scissors; the minimax winner is uniform";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
        [new("win", "1", "probability that an action beats the one it dominates, in [0.5, 1]")];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double w = spec.GetDouble("win", 0.5, 1);
        return Preferences.Single(spec, ["rock", "paper", "scissors"], Matrix(w, w, w));
    }

    /// <summary>
    /// The 3×3 cyclic matrix with <c>P(paper ≻ rock) = pr</c>, <c>P(scissors ≻ paper) = sp</c>,
    /// <c>P(rock ≻ scissors) = rs</c>, in the order rock, paper, scissors.
    /// </summary>
    internal static MathNet.Numerics.LinearAlgebra.Double.DenseMatrix Matrix(double pr, double sp, double rs) =>
        Preferences.FromUpper(3, (i, j) => (i, j) switch
        {
            (0, 1) => 1 - pr,
            (0, 2) => rs,
            _ => 1 - sp,
        });
}
