namespace Rebel.Torch.Models;

/// <summary>
/// The next token of each row from its logits under <see cref="GenerationOptions"/>: greedy, softmax sampling on the
/// device, or — with top-k or top-p — the truncated distribution drawn by inverse CDF on the host (libtorch's sort is
/// not bound). Draws come from a <see cref="Generator"/> (softmax sampling by libtorch's multinomial, one uniform per
/// row for the host's inverse CDF) or from <see cref="RowStreams"/> (one given uniform per row, inverse CDF always).
/// </summary>
internal static class TokenSampler
{
    /// <summary>logits [B, V] → ids [B, 1] (Int64, on the logits' device), drawn with <paramref name="generator"/>.</summary>
    public static Tensor Next(Tensor logits, GenerationOptions options, Generator generator)
    {
        if (options.Temperature == 0) return logits.ArgMax(-1, keepDim: true);
        using var probs = (logits / options.Temperature).Softmax(-1);
        if (options.TopK == 0 && options.TopP >= 1) return probs.Multinomial(1, generator);
        using var u = Tensor.Rand([probs.Shape[0]], generator, DType.Float64, generator.Device);
        return Truncated(probs, options, u.To(Device.Cpu).ToArray<double>(), logits.Device);
    }

    /// <summary>
    /// logits [B, V] → ids [B, 1] (Int64, on the logits' device), row r by inverse CDF at <paramref name="uniforms"/>[r]:
    /// the first id whose cumulative probability (in float64, on the device) exceeds u times the total.
    /// </summary>
    public static Tensor Next(Tensor logits, GenerationOptions options, double[] uniforms)
    {
        if (options.Temperature == 0) return logits.ArgMax(-1, keepDim: true);
        using var probs = (logits / options.Temperature).Softmax(-1);
        if (options.TopK != 0 || options.TopP < 1) return Truncated(probs, options, uniforms, logits.Device);
        long rows = probs.Shape[0], vocab = probs.Shape[1];
        using var scope = new DisposeScope();
        var cdf = probs.To(DType.Float64).Cumsum(-1);
        var target = Tensor.FromArray(uniforms, rows, 1).To(logits.Device) * cdf.Narrow(1, vocab - 1, 1);
        // The number of ids before the last whose cumulative sum is ≤ the target: zero-probability ids are never chosen,
        // and the last id is the answer when rounding puts the target at the total.
        return cdf.Narrow(1, 0, vocab - 1).LessEqual(target).Sum(-1, keepDim: true).MoveToOuterScope();
    }

    // The truncated distribution of each row drawn on the host at its uniform.
    private static Tensor Truncated(Tensor probs, GenerationOptions options, double[] uniforms, Device device)
    {
        long rows = probs.Shape[0], vocab = probs.Shape[1];
        var p = probs.To(DType.Float64, Device.Cpu).ToArray<double>();
        var ids = new long[rows];
        for (var r = 0; r < rows; r++) ids[r] = Draw(p.AsSpan((int)(r * vocab), (int)vocab), options, uniforms[r]);
        using var chosen = Tensor.FromArray(ids, rows, 1);
        return chosen.To(device);
    }

    // The most likely tokens first (ties: lower id first); keep the top k, then the fewest whose share of their mass
    // reaches top-p; draw among them in proportion to their probabilities.
    private static long Draw(ReadOnlySpan<double> p, GenerationOptions options, double uniform)
    {
        var keys = p.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var keep = options.TopK == 0 ? order.Length : Math.Min(options.TopK, order.Length);
        double topK = 0;
        for (var i = 0; i < keep; i++) topK += keys[order[i]];
        double mass = 0;
        for (var i = 0; i < keep; i++)
        {
            mass += keys[order[i]];
            if (mass >= options.TopP * topK)
            {
                keep = i + 1;
                break;
            }
        }
        var target = uniform * mass;
        double cumulative = 0;
        for (var i = 0; i < keep; i++)
        {
            cumulative += keys[order[i]];
            if (target < cumulative) return order[i];
        }
        return order[keep - 1];
    }
}
