using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural;

/// <summary>
/// A transformer policy over the responses of an enumerable sequence game: every response follows its context's
/// prompt (<see cref="PromptSet"/>), and <c>π(y | x)</c> is computed exactly for all V^L sequences of every prompt.
/// </summary>
public static class SequencePolicy
{
    /// <summary>
    /// <c>π(y | x)</c> for every sequence of <paramref name="space"/> in index order after the prompt
    /// <paramref name="prompt"/>, computed in batches of <paramref name="batch"/> sequences; responses are over the
    /// first V ids of the policy's vocabulary. The float32 probabilities are renormalised in double precision (their
    /// sum differs from 1 by about 1e-6) so the result is a valid mixed policy for the exact tabular core.
    /// </summary>
    public static double[] Probabilities(TransformerPolicy policy, SequenceSpace space, ReadOnlySpan<long> prompt, int batch = 1024)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(space);
        if (space.Vocab > policy.Config.Vocab)
            throw new ArgumentException($"Vocab: the game's {space.Vocab} tokens exceed the policy's vocabulary of {policy.Config.Vocab}");
        var probabilities = new double[space.Count];
        var tokens = new int[space.Length];
        var promptIds = prompt.ToArray();
        using var noGrad = Torch.Torch.NoGrad();
        for (var start = 0; start < space.Count; start += batch)
        {
            using var scope = new DisposeScope();
            var size = Math.Min(batch, space.Count - start);
            var ids = new long[size * space.Length];
            var prompts = new long[size * promptIds.Length];
            for (var i = 0; i < size; i++)
            {
                space.Tokens(start + i, tokens);
                for (var t = 0; t < space.Length; t++) ids[i * space.Length + t] = tokens[t];
                promptIds.CopyTo(prompts, i * promptIds.Length);
            }
            var responses = Tensor.FromArray(ids, size, space.Length).To(policy.Device);
            var x = Tensor.FromArray(prompts, size, promptIds.Length).To(policy.Device);
            var logProbs = policy.SequenceLogProbs(x, responses, space.Vocab).To(DType.Float64, Device.Cpu).ToArray<double>();
            for (var i = 0; i < size; i++) probabilities[start + i] = Math.Exp(logProbs[i]);
        }
        var total = probabilities.Sum();
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] /= total;
        return probabilities;
    }

    /// <summary>The exact duality gap of <paramref name="policy"/> in the enumerable sequence game, weighted over its prompts.</summary>
    public static double ExactDualityGap(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Games.Exact.DualityGap.Of(game.Game, ToTabular(policy, game));
    }

    /// <summary>The policy as a <see cref="TabularPolicy"/> of the sequence game, one distribution per prompt.</summary>
    public static TabularPolicy ToTabular(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var prompts = PromptSet.Of(game);
        return new(Enumerable.Range(0, prompts.Count)
            .Select(c => Vector<double>.Build.Dense(Probabilities(policy, game.Space, prompts.Tokens(c)))).ToArray());
    }
}
