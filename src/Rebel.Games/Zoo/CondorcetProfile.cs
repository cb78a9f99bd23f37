
namespace Rebel.Games.Zoo;

/// <summary>
/// A voting profile over candidates A, B, C whose voters hold the three cyclic rankings A&gt;B&gt;C, B&gt;C&gt;A and
/// C&gt;A&gt;B with shares s1, s2, s3 (normalised to sum to 1); <c>P(a ≻ b)</c> is the share of voters ranking a above b,
/// so <c>P(A ≻ B) = 1 − s2</c>, <c>P(B ≻ C) = 1 − s3</c>, <c>P(C ≻ A) = 1 − s1</c>. With every share below 1/2 the
/// majority is cyclic (Condorcet's paradox) and the minimax winner is <c>π ∝ (1/2 − s3, 1/2 − s1, 1/2 − s2)</c>;
/// a share of at least 1/2 makes the top candidate of its ranking a Condorcet winner.
/// </summary>
public sealed class CondorcetProfile : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "condorcet";

    /// <inheritdoc/>
    public string Description => "voters split over the cyclic rankings ABC, BCA, CAB; P(a>b) = share ranking a above b";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
        [new("shares", "4/3/2", "relative shares of A>B>C / B>C>A / C>A>B voters, non-negative, not all zero")];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double[] s = spec.GetDoubles("shares", 0);
        if (s.Length != 3 || s.Sum() <= 0)
            throw spec.Bad("shares", spec.GetString("shares"), "three non-negative numbers s1/s2/s3, not all zero");
        double total = s.Sum();
        // Pairs (A,B), (A,C), (B,C): A is above B in rankings 1 and 3, A above C only in ranking 1, B above C in 1 and 2.
        var p = Preferences.FromUpper(3, (i, j) => (i, j) switch
        {
            (0, 1) => (s[0] + s[2]) / total,
            (0, 2) => s[0] / total,
            _ => (s[0] + s[1]) / total,
        });
        return Preferences.Single(spec, ["A", "B", "C"], p);
    }
}
