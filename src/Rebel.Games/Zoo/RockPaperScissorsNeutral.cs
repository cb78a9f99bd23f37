
namespace Rebel.Games.Zoo;

/// <summary>
/// Rock–paper–scissors plus a neutral action that ties with everything (P = 1/2). The minimax winners form a segment:
/// <c>(1 − t) · uniform(rock, paper, scissors) + t · neutral</c> for every t in [0, 1].
/// </summary>
public sealed class RockPaperScissorsNeutral : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "rpsw";

    /// <inheritdoc/>
    public string Description => "rock-paper-scissors plus a neutral action that ties with all; the MW set is a segment";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
        [new("win", "1", "probability that an action beats the one it dominates, in [0.5, 1]")];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double w = spec.GetDouble("win", 0.5, 1);
        var rps = RockPaperScissors.Matrix(w, w, w);
        var p = Preferences.FromUpper(4, (i, j) => j == 3 ? 0.5 : rps[i, j]);
        return Preferences.Single(spec, ["rock", "paper", "scissors", "neutral"], p);
    }
}
