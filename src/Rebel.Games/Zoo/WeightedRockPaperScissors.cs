namespace Rebel.Games.Zoo;

/// <summary>
/// Rock–paper–scissors with three cyclic margins. <c>margins=m1/m2/m3</c> (non-negative, not all zero) are the relative
/// margins of paper over rock, scissors over paper and rock over scissors; they are scaled so the largest one is
/// <c>strength/2</c>: <c>P(winner ≻ loser) = 1/2 + strength · m_k / (2 max m)</c>. The default 1/3/3 gives the margins
/// (1, 3, 3)/6. The minimax winner puts on each action the margin of the pair it is not in:
/// <c>π ∝ (m2, m3, m1)</c> on (rock, paper, scissors).
/// </summary>
public sealed class WeightedRockPaperScissors : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "weighted-rps";

    /// <inheritdoc/>
    public string Description => "rock-paper-scissors with margins m1/m2/m3 (paper>rock, scissors>paper, rock>scissors); MW ∝ (m2, m3, m1)";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("margins", "1/3/3", "relative margins of paper>rock / scissors>paper / rock>scissors, non-negative, not all zero"),
        new("strength", "1", "largest margin P - 1/2 is strength/2, in (0, 1]"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double[] m = spec.GetDoubles("margins", 0);
        if (m.Length != 3 || m.Max() <= 0)
            throw spec.Bad("margins", spec.GetString("margins"), "three non-negative numbers m1/m2/m3, not all zero");
        double strength = spec.GetPositiveDouble("strength", 1);
        double scale = strength / (2 * m.Max());
        var p = RockPaperScissors.Matrix(0.5 + scale * m[0], 0.5 + scale * m[1], 0.5 + scale * m[2]);
        return Preferences.Single(spec, ["rock", "paper", "scissors"], p);
    }
}
