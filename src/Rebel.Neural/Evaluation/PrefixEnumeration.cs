using Rebel.Games.Sequence;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural.Evaluation;

/// <summary>
/// <c>π(y | x)</c> for every sequence y of a <see cref="SequenceSpace"/> from one forward pass per prefix instead of
/// one per sequence: a causal transformer's pass over <c>[x, y_1 … y_{L−1}]</c> gives <c>p(y_t | x, y_&lt;t)</c> at
/// every position, hence the log-probability of the prefix and the whole distribution of the last token, i.e.
/// <c>π</c> of all V sequences that share the prefix. V^(L−1) rows of the same length as
/// one pass per sequence's V^L, so V times less work for the same result.
/// </summary>
public static class PrefixEnumeration
{
    /// <summary>
    /// <c>π(y | prompt)</c> for every sequence of <paramref name="space"/> in index order, computed in batches of
    /// <paramref name="batch"/> prefixes on the policy's device. The float32 probabilities are renormalised in double
    /// precision (their sum differs from 1 by about 1e-6) so the result is a valid mixed policy for the exact tabular core.
    /// </summary>
    /// <param name="policy">The transformer; responses are over the first V ids of its vocabulary (V = the space's), as in <see cref="TransformerPolicy.SequenceLogProbs"/>.</param>
    /// <param name="space">The responses: all sequences of length L.</param>
    /// <param name="prompt">The prompt tokens x (at least one, e.g. a BOS id); x and L − 1 response tokens must fit the context.</param>
    /// <param name="batch">Prefixes per forward pass.</param>
    /// <exception cref="ArgumentException">The vocabulary, prompt or batch does not fit the policy (message names the parameter).</exception>
    public static double[] Probabilities(TransformerPolicy policy, SequenceSpace space, ReadOnlySpan<long> prompt, int batch = 4096)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(space);
        int vocab = space.Vocab, length = space.Length, promptLength = prompt.Length, width = promptLength + length - 1;
        if (vocab > policy.Config.Vocab)
            throw new ArgumentException($"the space's {vocab} tokens exceed the policy's vocabulary of {policy.Config.Vocab}", nameof(space));
        if (promptLength < 1)
            throw new ArgumentException("the prompt needs at least one token (e.g. a BOS id)", nameof(prompt));
        if (width > policy.Config.Context)
            throw new ArgumentException($"a prompt of {promptLength} tokens and {length - 1} response tokens exceed the context {policy.Config.Context}", nameof(prompt));
        foreach (var token in prompt)
            if ((ulong)token >= (ulong)policy.Config.Vocab) throw new ArgumentException($"prompt token {token} is not in [0, {policy.Config.Vocab})", nameof(prompt));
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);

        int prefixes = space.Count / vocab;
        var probabilities = new double[space.Count];
        var ids = new long[Math.Min(batch, prefixes) * width];
        using var noGrad = Torch.Torch.NoGrad();
        for (var start = 0; start < prefixes; start += batch)
        {
            using var scope = new DisposeScope();
            var size = Math.Min(batch, prefixes - start);
            for (var i = 0; i < size; i++)
            {
                var row = ids.AsSpan(i * width, width);
                prompt.CopyTo(row);
                // Prefix start + i in base V, first token most significant, as SequenceSpace numbers sequences.
                for (int t = width - 1, rest = start + i; t >= promptLength; t--, rest /= vocab) row[t] = rest % vocab;
            }
            var input = Tensor.FromArray(size == batch ? ids : ids[..(size * width)], size, width).To(policy.Device);
            // Log-probabilities of the L response positions: [size, L, V].
            var logProbs = policy.Forward(input).Narrow(1, promptLength - 1, length).Narrow(-1, 0, vocab).LogSoftmax(-1);
            var last = logProbs.Narrow(1, length - 1, 1).Squeeze(1);
            var total = length == 1 ? last : last + logProbs.Narrow(1, 0, length - 1)
                .Gather(2, input.Narrow(1, promptLength, length - 1).Unsqueeze(-1)).Squeeze(-1).Sum(1).Unsqueeze(1);
            var values = total.To(DType.Float64, Device.Cpu).ToArray<double>();
            for (var k = 0; k < values.Length; k++) probabilities[start * vocab + k] = Math.Exp(values[k]);
        }
        var sum = probabilities.Sum();
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] /= sum;
        return probabilities;
    }
}
