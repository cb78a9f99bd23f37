using Rebel.Games.Sequence;
using Rebel.Torch;

namespace Rebel.Neural;

/// <summary>
/// The prompts (contexts) a policy is trained on, each a token sequence with a weight: the policy conditions on the
/// prompt as a prefix. Prompts shorter than the longest are left-padded with <see cref="PadToken"/>, a deterministic
/// function of the prompt, so <c>π(y | x)</c> stays a conditional on the prompt and every batch is one tensor.
/// </summary>
public sealed class PromptSet
{
    private readonly long[][] _tokens;
    private readonly int[] _lengths;
    private readonly double[] _cumulative;

    /// <summary>Creates the set; weights are normalised to sum to 1.</summary>
    /// <exception cref="ArgumentException">No prompts, an empty prompt, counts that differ, or a weight that is not positive and finite.</exception>
    public PromptSet(IReadOnlyList<long[]> prompts, IReadOnlyList<double> weights, long padToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(weights);
        if (prompts.Count == 0 || prompts.Count != weights.Count)
            throw new ArgumentException($"Prompts: {prompts.Count} prompts and {weights.Count} weights; at least one prompt, each with a weight");
        Length = prompts.Max(p => p.Length);
        if (Length == 0) throw new ArgumentException("Prompts: a prompt needs at least one token");
        PadToken = padToken;
        _lengths = prompts.Select(p => p.Length).ToArray();
        _tokens = prompts.Select(p => Enumerable.Repeat(padToken, Length - p.Length).Concat(p).ToArray()).ToArray();
        var total = 0.0;
        foreach (var w in weights)
            total += w > 0 && double.IsFinite(w) ? w : throw new ArgumentException($"Prompts: weight {w} must be positive and finite");
        Weights = weights.Select(w => w / total).ToArray();
        _cumulative = new double[Weights.Count];
        var sum = 0.0;
        for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] = sum += Weights[i];
    }

    /// <summary>The prompts of an enumerable sequence game: one per context, with the context's weight (see <see cref="SequenceGame.Prompt"/>).</summary>
    public static PromptSet Of(SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var contexts = game.Game.Contexts;
        return new PromptSet(Enumerable.Range(0, contexts.Count).Select(game.Prompt).ToArray(), contexts.Select(c => c.Weight).ToArray(), 0);
    }

    /// <summary>The one-token prompt <c>[0]</c> of single-context games.</summary>
    public static PromptSet Single { get; } = new([[0L]], [1.0], 0);

    /// <summary>Number of prompts.</summary>
    public int Count => _tokens.Length;

    /// <summary>Tokens per (padded) prompt.</summary>
    public int Length { get; }

    /// <summary>The token that left-pads shorter prompts.</summary>
    public long PadToken { get; }

    /// <summary>The prompts' normalised weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The number of tokens of prompt <paramref name="prompt"/> before padding.</summary>
    public int LengthOf(int prompt) => _lengths[prompt];

    /// <summary>The padded tokens of prompt <paramref name="prompt"/>.</summary>
    public ReadOnlySpan<long> Tokens(int prompt) => _tokens[prompt];

    /// <summary><paramref name="count"/> prompt indices drawn independently by weight (inverse CDF on <paramref name="random"/>).</summary>
    public int[] Draw(Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var drawn = new int[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var index = Array.BinarySearch(_cumulative, u);
            // BinarySearch gives the complement of the first larger entry; rounding may leave the last sum below 1.
            drawn[i] = Math.Min(index < 0 ? ~index : index + 1, Count - 1);
        }
        return drawn;
    }

    /// <summary>The padded prompts of <paramref name="prompts"/>, each repeated <paramref name="repeat"/> times: [count·repeat, Length] on <paramref name="device"/>.</summary>
    public Tensor Batch(ReadOnlySpan<int> prompts, int repeat, Device device)
    {
        var ids = new long[prompts.Length * repeat * Length];
        for (var i = 0; i < prompts.Length; i++)
            for (var r = 0; r < repeat; r++)
                _tokens[prompts[i]].CopyTo(ids, (i * repeat + r) * Length);
        return Tensor.FromArray(ids, prompts.Length * repeat, Length).To(device);
    }
}
