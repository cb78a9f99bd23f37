using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Zoo;

namespace Rebel.Games.Sequence;

/// <summary>
/// <c>seq-majority</c>: responses are all token sequences of length L over V tokens; each of A annotators has a
/// linear utility <c>u_a(y) = w_a·φ(y)</c> over <see cref="SequenceFeatures"/> with <c>w_a ~ N(0, I)</c> drawn
/// from the seed, and <c>P(y ≻ y')</c> is the majority vote: 1 when more annotators prefer y, 0 when fewer,
/// 1/2 on a tie. Majorities of transitive voters are intransitive in general (Condorcet cycles).
/// With <c>prompts=X</c> the game has X contexts of equal weight, one per prompt, and each prompt has its own
/// annotators' weights (prompt 0's are the single-prompt game's), so the minimax winner differs by prompt.
/// Enumerable as a dense tabular game up to <see cref="MaxResponses"/> sequences per prompt.
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
        new("length", "6", "response length L; V^L up to 4096 is stored as matrices, up to 1048576 judged exactly without them (neural self-play only)"),
        new("annotators", "3", "number of voting annotators, at least 1"),
        new("seed", "1", "seed of the annotators' utility weights"),
        new("prompts", "1", "number of prompts (contexts of equal weight), each with its own annotators' weights, at most 64"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec) => CreateSequenceGame(spec).Game;

    /// <summary>
    /// Builds the game together with the numbering of its sequences: one context per prompt, each with its own
    /// annotators. Up to <see cref="MaxResponses"/> sequences its contexts store their matrices; beyond, up to
    /// <see cref="ImplicitSequenceMajority.MaxResponses"/>, each is judged by an <see cref="ImplicitSequenceMajority"/>
    /// (<see cref="GameContext.Kernel"/>): exact win rates and entries without the n × n matrix.
    /// </summary>
    /// <exception cref="GameValidationException">A parameter is out of range or V^L exceeds <see cref="ImplicitSequenceMajority.MaxResponses"/>.</exception>
    public SequenceGame CreateSequenceGame(GameSpec spec)
    {
        var (space, features, utilities) = Annotate(spec, ImplicitSequenceMajority.MaxResponses);
        var names = Enumerable.Range(0, space.Count).Select(space.Name).ToArray();
        GameContext[] contexts;
        if (space.Count > MaxResponses)
            contexts = utilities.Select((u, x) => GameContext.Adopt($"x{x}", 1, names, new ImplicitSequenceMajority(space, u), features)).ToArray();
        else
        {
            spec.EnsureFits(utilities.Count * Math.Pow(space.Count, 2) * sizeof(double), "prompts, vocab and length");
            contexts = utilities.Select((u, x) => GameContext.Adopt($"x{x}", 1, names, Majority(u), features)).ToArray();
        }
        return new SequenceGame(new TabularGame(spec.Text, contexts), space);
    }

    /// <summary>
    /// The sequences of a spec's game, their features [V^L × f] and, per prompt, the annotators' utilities
    /// <c>u_a(y)</c> [V^L × A], without the dense matrix, so V^L may be up to <paramref name="maxResponses"/> (the
    /// implicit evaluation, <see cref="ImplicitSequenceMajority"/>, lifts <see cref="MaxResponses"/> this way).
    /// </summary>
    /// <exception cref="GameValidationException">A parameter is out of range, V^L exceeds <paramref name="maxResponses"/>, or the matrices would not fit in memory.</exception>
    public static (SequenceSpace Space, DenseMatrix Features, IReadOnlyList<DenseMatrix> Utilities) Annotate(GameSpec spec, int maxResponses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var vocab = spec.GetInt("vocab", 2, 64);
        var length = spec.GetInt("length", 1, 64);
        var annotators = spec.GetInt("annotators", 1, 1000);
        var prompts = spec.GetInt("prompts", 1, 64);
        ulong given = spec.GetSeed("seed");
        // System.Random takes an int seed: seeds up to int.MaxValue keep the games they always named, larger ones are mixed down.
        int seed = given <= int.MaxValue ? (int)given : (int)(new Randomness.SeededRandom(given).NextUInt64() >> 33);
        if (Math.Pow(vocab, length) > maxResponses)
            throw spec.Bad("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"such that vocab^length ≤ {maxResponses} (here {vocab}^{length})");
        var space = new SequenceSpace(vocab, length);
        int n = space.Count, f = SequenceFeatures.Count(space.Vocab);
        spec.EnsureFits(8.0 * n * (f + 2.0 * annotators * prompts), "vocab, length, annotators and prompts");
        var features = new DenseMatrix(n, f);
        var phi = new double[f];
        var tokens = new int[space.Length];
        for (var i = 0; i < n; i++)
        {
            space.Tokens(i, tokens);
            SequenceFeatures.Compute(tokens, space.Vocab, phi);
            for (var k = 0; k < f; k++) features[i, k] = phi[k];
        }
        // One generator for all prompts, drawn in prompt order: prompt 0 keeps the weights the single-prompt game always had.
        var random = new Random(seed);
        var utilities = new DenseMatrix[prompts];
        for (var x = 0; x < prompts; x++)
        {
            var weights = new DenseMatrix(f, annotators);
            for (var a = 0; a < annotators; a++)
                for (var k = 0; k < f; k++)
                    weights[k, a] = StandardNormal(random);
            utilities[x] = (DenseMatrix)(features * weights);
        }
        return (space, features, utilities);
    }

    // P(y_i ≻ y_j): the sign of the annotators' net vote on the utilities [n, A].
    private static DenseMatrix Majority(DenseMatrix utility)
    {
        int n = utility.RowCount, annotators = utility.ColumnCount;
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
        return preference;
    }

    // Box–Muller on the seeded generator, so the weights depend on the seed only.
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
