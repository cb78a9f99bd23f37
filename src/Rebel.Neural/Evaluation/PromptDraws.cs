using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural.Evaluation;

/// <summary>What the sampled estimators share: a policy's responses after one prompt, drawn on the host side of the generator.</summary>
internal static class PromptDraws
{
    /// <summary><paramref name="samples"/> responses of <paramref name="policy"/> after prompt <paramref name="x"/>, L tokens each, row after row.</summary>
    public static long[] Responses(TransformerPolicy policy, PromptSet prompts, int x, int length, int responseVocab, int samples, Generator generator)
    {
        using var scope = new DisposeScope();
        return policy.Sample(prompts.Batch([x], samples, policy.Device), length, 1.0, generator, responseVocab).To(Device.Cpu).ToArray<long>();
    }

    /// <summary>The oracle's indices for prompt <paramref name="x"/> of the responses in <paramref name="rows"/>, L tokens each, row after row.</summary>
    public static int[] Indices(ISequenceOracle oracle, int x, ReadOnlySpan<long> rows, int length)
    {
        var indices = new int[rows.Length / length];
        for (var i = 0; i < indices.Length; i++)
            indices[i] = oracle.Index(x, rows.Slice(i * length, length));
        return indices;
    }
}
