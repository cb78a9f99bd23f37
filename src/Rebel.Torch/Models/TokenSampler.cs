namespace Rebel.Torch.Models;

/// <summary>
/// The next token of each row from its logits under <see cref="GenerationOptions"/>: greedy, softmax sampling on the
/// device, or — with top-k or top-p — the truncated distribution drawn by inverse CDF on the host (libtorch's sort is
/// not bound), one uniform per row from the same generator.
/// </summary>
internal static class TokenSampler
{
    /// <summary>logits [B, V] → ids [B, 1] (Int64, on the logits' device).</summary>
    public static Tensor Next(Tensor logits, GenerationOptions options, Generator generator)
    {
        if (options.Temperature == 0) return logits.ArgMax(-1, keepDim: true);
        using var probs = (logits / options.Temperature).Softmax(-1);
        if (options.TopK == 0 && options.TopP >= 1) return probs.Multinomial(1, generator);
        var shape = probs.Shape;
        long rows = shape[0], vocab = shape[1];
        var p = probs.To(DType.Float64, Device.Cpu).ToArray<double>();
        using var u = Tensor.Rand([rows], generator, DType.Float64, generator.Device);
        var uniforms = u.To(Device.Cpu).ToArray<double>();
        var ids = new long[rows];
        for (var r = 0; r < rows; r++) ids[r] = Draw(p.AsSpan((int)(r * vocab), (int)vocab), options, uniforms[r]);
        using var chosen = Tensor.FromArray(ids, rows, 1);
        return chosen.To(logits.Device);
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
