using System.Globalization;
using Rebel.Games.Randomness;

namespace Rebel.Games.Zoo;

/// <summary>
/// Many contexts <c>x0 … x{N−1}</c>, each a game of one inner family, e.g.
/// <c>contextual:family=random,contexts=100,n=16,seed=0</c>. Keys other than this family's own go to the inner family;
/// each context gets its own inner seed, drawn from <c>seed</c>, when the inner family has one. Context weights are
/// equal, or with <c>weights=random</c> drawn uniformly from [0.5, 1.5) before normalisation.
/// </summary>
public sealed class ContextualGame : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "contextual";

    /// <inheritdoc/>
    public string Description => "many contexts of one inner family (other keys go to it), each with its own seed";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("family", "random", "inner game family (any but contextual); its parameters may be given here too"),
        new("contexts", "100", "number of contexts, in [1, 1000000]"),
        new("weights", "uniform", "uniform, or random: drawn from [0.5, 1.5) before normalisation"),
        new("seed", "0", "seed of the per-context seeds and of random weights"),
    ];

    /// <inheritdoc/>
    public bool ForwardsParameters => true;

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string familyName = spec.GetString("family");
        var family = GameZoo.Find(familyName);
        if (family is null || family is ContextualGame)
            throw spec.Bad("family", familyName, $"one of {string.Join(", ", GameZoo.Families.Where(f => f is not ContextualGame).Select(f => f.Name))}");
        int count = spec.GetInt("contexts", 1, 1_000_000);
        bool randomWeights = spec.GetChoice("weights", "uniform", "random") == "random";
        var inner = spec.ForFamily(family, Parameters);
        bool seeded = family.Parameters.Any(p => p.Name == "seed");
        // Separate streams, so the weights do not depend on whether the inner family draws seeds.
        var seeds = new SeededRandom(spec.GetSeed("seed"));
        var weights = seeds.Fork();
        var contexts = new GameContext[count];
        for (int c = 0; c < count; c++)
        {
            if (c == 1)
            {
                // The first context shows the size of every context; the rest are checked before they are built.
                int n = contexts[0].Count;
                spec.EnsureFits((double)count * n * (n + (contexts[0].Features?.ColumnCount ?? 0)) * sizeof(double), Inv($"contexts={count} of {n} responses"));
            }
            var contextSpec = seeded ? inner.With("seed", seeds.NextUInt64().ToString(CultureInfo.InvariantCulture)) : inner;
            var context = family.Create(contextSpec).Contexts[0];
            double weight = randomWeights ? 0.5 + weights.NextDouble() : 1;
            contexts[c] = context.Renamed("x" + c.ToString(CultureInfo.InvariantCulture), weight);
        }
        return new TabularGame(spec.Text, contexts);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
