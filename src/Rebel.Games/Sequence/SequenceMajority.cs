using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Zoo;

namespace Rebel.Games.Sequence;

/// <summary>
/// <c>seq-majority</c>: responses are all token sequences of length L over V tokens; each of A annotators has a
/// linear utility <c>u_a(y) = w_a·φ(y)</c> over <see cref="SequenceFeatures"/> with <c>w_a ~ N(0, I)</c> drawn
/// from the seed, and <c>P(y ≻ y')</c> is the majority vote: 1 when more annotators prefer y, 0 when fewer,
/// 1/2 on a tie. Majorities of transitive voters are intransitive in general (Condorcet cycles).
/// Enumerable as a dense tabular game up to <see cref="MaxResponses"/> sequences.
/// </summary>
public sealed class SequenceMajority : IGameFamily
{
    /// <summary>The largest V^L built as a dense matrix (4096² doubles = 128 MiB).</summary>
    public const int MaxResponses = 4096;

    /// <inheritdoc/>
    public string Name => "seq-majority";

    /// <inheritdoc/>
    public string Description => "token sequences judged by a majority of annotators with linear utilities over sequence features (intransitive)";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("vocab", "4", "vocabulary size V, at least 2"),
        new("length", "6", "response length L; V^L may be at most 4096"),
        new("annotators", "3", "number of voting annotators, at least 1"),
        new("seed", "1", "seed of the annotators' utility weights"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec) => CreateSequenceGame(spec).Game;

    /// <summary>Builds the game together with the numbering of its sequences.</summary>
    /// <exception cref="GameValidationException">A parameter is out of range or V^L exceeds <see cref="MaxResponses"/>.</exception>
    public SequenceGame CreateSequenceGame(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var vocab = spec.GetInt("vocab", 2, 64);
        var length = spec.GetInt("length", 1, 64);
        var annotators = spec.GetInt("annotators", 1, 1000);
        ulong given = spec.GetSeed("seed");
        // System.Random takes an int seed: seeds up to int.MaxValue keep the games they always named, larger ones are mixed down.
        int seed = given <= int.MaxValue ? (int)given : (int)(new Randomness.SeededRandom(given).NextUInt64() >> 33);
        if (Math.Pow(vocab, length) > MaxResponses)
            throw spec.Bad("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"such that vocab^length ≤ {MaxResponses} (here {vocab}^{length})");
        return Build(spec.Text, new SequenceSpace(vocab, length), annotators, seed);
    }

    private static SequenceGame Build(string name, SequenceSpace space, int annotators, int seed)
    {
        int n = space.Count, f = SequenceFeatures.Count(space.Vocab);
        var features = new DenseMatrix(n, f);
        var phi = new double[f];
        var tokens = new int[space.Length];
        for (var i = 0; i < n; i++)
        {
            space.Tokens(i, tokens);
            SequenceFeatures.Compute(tokens, space.Vocab, phi);
            for (var k = 0; k < f; k++) features[i, k] = phi[k];
        }
        var weights = new DenseMatrix(f, annotators);
        var random = new Random(seed);
        for (var a = 0; a < annotators; a++)
            for (var k = 0; k < f; k++)
                weights[k, a] = StandardNormal(random);
        var utility = (DenseMatrix)(features * weights);
        var preference = new DenseMatrix(n, n);
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var margin = 0;
                for (var a = 0; a < annotators; a++)
                    margin += Math.Sign(utility[i, a] - utility[j, a]);
                preference[i, j] = margin > 0 ? 1 : margin < 0 ? 0 : 0.5;
            }
        }
        var names = Enumerable.Range(0, n).Select(space.Name).ToArray();
        var game = TabularGame.Single(name, GameContext.Adopt("x0", 1, names, preference, features));
        return new SequenceGame(game, space);
    }

    // Box–Muller on the seeded generator, so the weights depend on the seed only.
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
