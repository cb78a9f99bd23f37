using MathNet.Numerics.LinearAlgebra;

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
        // Rock beats scissors, paper beats rock, scissors beat paper.
        var p = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { 0.5, 1 - w, w },
            { w, 0.5, 1 - w },
            { 1 - w, w, 0.5 },
        });
        return TabularGame.Single(spec.Text, new GameContext("x0", 1, ["rock", "paper", "scissors"], p));
    }
}
