using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// Generalised rock–paper–scissors on n actions: action i beats the next ⌊(n−1)/2⌋ actions (mod n) with probability
/// <c>win</c> and, for even n, ties with the opposite one. Every action beats as many as beat it, so uniform is a
/// minimax winner (the unique one for odd n and win &gt; 1/2); n = 3 is <c>rps</c>, n = 5 rock–paper–scissors–lizard–Spock.
/// </summary>
public sealed class CyclicGame : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "cyclic";

    /// <inheritdoc/>
    public string Description => "generalised RPS: each of n actions beats the next (n-1)/2; uniform is a minimax winner";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "5", "number of actions, in [3, 16384]"),
        new("win", "1", "probability that an action beats one it dominates, in [0.5, 1]"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.GetResponses("n", 3);
        double w = spec.GetDouble("win", 0.5, 1);
        int reach = (n - 1) / 2;
        var p = Preferences.FromUpper(n, (i, j) =>
        {
            int d = j - i;
            return d <= reach ? w : n - d <= reach ? 1 - w : 0.5;
        });
        return Preferences.Single(spec, Preferences.Names(n), p);
    }
}
