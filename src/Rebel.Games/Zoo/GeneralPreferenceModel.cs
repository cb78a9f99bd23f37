using Rebel.Games.Randomness;
using Rebel.Games.Zoo.Utils;

namespace Rebel.Games.Zoo;

/// <summary>
/// A general preference model (Zhang et al. 2024): each response y has an embedding <c>v_y ∈ R^{2k}</c> and
/// <c>P(a ≻ b) = σ(v_aᵀ R v_b)</c>, where R is block-diagonal with k blocks <c>[[0, −1], [1, 0]]</c>, so the score is
/// skew-symmetric and each block is a disc game. Embeddings are N(0, scale²) from the seed; they are the features.
/// </summary>
public sealed class GeneralPreferenceModel : IGameFamily
{
    /// <inheritdoc/>
    public string Name => "gpm";

    /// <inheritdoc/>
    public string Description => "general preference model: P = sigma(v_a' R v_b) with k skew 2x2 blocks of random embeddings";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("n", "8", "number of responses, in [2, 16384]"),
        new("k", "2", "number of skew 2x2 blocks (embedding dimension 2k), in [1, 64]"),
        new("scale", "1", "standard deviation of the embedding entries, in (0, 100]"),
        new("seed", "0", "seed of the random embeddings"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.GetResponses("n", 2);
        int k = spec.GetInt("k", 1, 64);
        double scale = spec.GetPositiveDouble("scale", 100);
        var v = Preferences.Gaussian(new SeededRandom(spec.GetSeed("seed")), n, 2 * k, scale);
        var p = Preferences.FromUpper(n, (a, b) =>
        {
            double score = 0;
            for (int block = 0; block < k; block++)
                score += v[a, 2 * block + 1] * v[b, 2 * block] - v[a, 2 * block] * v[b, 2 * block + 1];
            return Preferences.Logistic(score);
        });
        return Preferences.Single(spec, Preferences.Names(n), p, v);
    }
}
