using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural;

/// <summary>
/// A transformer policy over the responses of an enumerable sequence game: every response follows the fixed
/// one-token prompt <see cref="PromptToken"/>, and <c>π(y)</c> is computed exactly for all V^L sequences.
/// </summary>
public static class SequencePolicy
{
    /// <summary>The prompt (context) token of single-context sequence games.</summary>
    public const long PromptToken = 0;

    /// <summary>Prompts [count, 1] of <see cref="PromptToken"/> on <paramref name="device"/>.</summary>
    public static Tensor Prompts(long count, Device device) => Tensor.Full([count, 1], PromptToken, DType.Int64, device);

    /// <summary>
    /// <c>π(y)</c> for every sequence of <paramref name="space"/> in index order, computed in batches of
    /// <paramref name="batch"/> sequences. The float32 probabilities are renormalised in double precision (their
    /// sum differs from 1 by about 1e-6) so the result is a valid mixed policy for the exact tabular core.
    /// </summary>
    public static double[] Probabilities(TransformerPolicy policy, SequenceSpace space, int batch = 1024)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(space);
        if (policy.Config.Vocab != space.Vocab)
            throw new ArgumentException($"policy vocabulary {policy.Config.Vocab} differs from the game's {space.Vocab}");
        var probabilities = new double[space.Count];
        var tokens = new int[space.Length];
        using var noGrad = Torch.Torch.NoGrad();
        for (var start = 0; start < space.Count; start += batch)
        {
            using var scope = new DisposeScope();
            var size = Math.Min(batch, space.Count - start);
            var ids = new long[size * space.Length];
            for (var i = 0; i < size; i++)
            {
                space.Tokens(start + i, tokens);
                for (var t = 0; t < space.Length; t++) ids[i * space.Length + t] = tokens[t];
            }
            var responses = Tensor.FromArray(ids, size, space.Length).To(policy.Device);
            var logProbs = policy.SequenceLogProbs(Prompts(size, policy.Device), responses).To(DType.Float64, Device.Cpu).ToArray<double>();
            for (var i = 0; i < size; i++) probabilities[start + i] = Math.Exp(logProbs[i]);
        }
        var total = probabilities.Sum();
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] /= total;
        return probabilities;
    }

    /// <summary>The exact duality gap of <paramref name="policy"/> in the enumerable sequence game.</summary>
    public static double ExactDualityGap(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Games.Exact.DualityGap.Of(game.Game, ToTabular(policy, game.Space));
    }

    /// <summary>The policy as a one-context <see cref="TabularPolicy"/> of the sequence game.</summary>
    public static TabularPolicy ToTabular(TransformerPolicy policy, SequenceSpace space) =>
        new([Vector<double>.Build.Dense(Probabilities(policy, space))]);
}
