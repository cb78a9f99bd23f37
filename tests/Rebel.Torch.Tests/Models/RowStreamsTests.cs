using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

// Sampling with per-row keyed uniforms (RowStreams): what data-parallel ranks rely on to generate their rows apart.
public class RowStreamsTests
{
    public RowStreamsTests() => NativeShim.Ensure();

    private static readonly TransformerConfig Config = new(Vocab: 5, Context: 8, DModel: 16, Layers: 2, Heads: 4);

    private static TransformerPolicy Create(ulong seed) => Policies.Create(Config, seed);

    // Rows 1 and 4 of a batch of six, generated on their own with their own keys, draw the tokens they draw in the batch.
    [Fact]
    public void ARowDrawsTheSameTokensInAnyBatch()
    {
        using var scope = new DisposeScope();
        using var model = Create(4);
        var options = new GenerationOptions(MaxTokens: 6, ResponseVocab: 4);
        long[] prompts = [0, 1, 2, 0, 1, 2];
        long[] all = [0, 1, 2, 3, 4, 5], some = [1, 4];
        var whole = model.Sample(Tensor.FromArray(prompts, 6, 1), options, RowStreams.For(77, all)).ToArray<long>();
        var apart = model.Sample(Tensor.FromArray([prompts[1], prompts[4]], 2, 1), options, RowStreams.For(77, some)).ToArray<long>();
        Assert.Equal(whole.AsSpan(1 * 6, 6).ToArray(), apart.AsSpan(0, 6).ToArray());
        Assert.Equal(whole.AsSpan(4 * 6, 6).ToArray(), apart.AsSpan(6, 6).ToArray());
        Assert.Equal(apart, model.Sample(Tensor.FromArray([prompts[1], prompts[4]], 2, 1), options, RowStreams.For(77, all).Select(some)).ToArray<long>());
        Assert.NotEqual(whole, model.Sample(Tensor.FromArray(prompts, 6, 1), options, RowStreams.For(78, all)).ToArray<long>());
        Assert.All(whole, t => Assert.InRange(t, 0, 3));
    }

    // The inverse CDF draws each token with its softmax probability (each within 4.5 binomial SE over 20,000 rows), never
    // one of probability 0, and the last id when its interval is the only one left.
    [Fact]
    public void InverseCdfDrawsFollowTheSoftmax()
    {
        using var scope = new DisposeScope();
        const int n = 20_000;
        double[] logits = [0.3, -1.2, double.NegativeInfinity, 1.1, 0.0];
        var rows = Tensor.FromArray(Enumerable.Repeat(logits, n).SelectMany(r => r).ToArray(), n, logits.Length).To(DType.Float32);
        var streams = RowStreams.For(5, Enumerable.Range(0, n).Select(r => (long)r).ToArray());
        var ids = TokenSampler.Next(rows, new GenerationOptions(MaxTokens: 1), streams.Uniforms(0)).ToArray<long>();
        double z = logits.Sum(Math.Exp);
        for (var y = 0; y < logits.Length; y++)
        {
            double p = Math.Exp(logits[y]) / z, frequency = ids.Count(t => t == y) / (double)n;
            Assert.InRange(frequency, p - 4.5 * Math.Sqrt(p * (1 - p) / n), p + 4.5 * Math.Sqrt(p * (1 - p) / n));
        }
        Assert.DoesNotContain(2L, ids);
        using var last = Tensor.FromArray([double.NegativeInfinity, double.NegativeInfinity, 0.0], 1, 3).To(DType.Float32);
        Assert.Equal(2L, TokenSampler.Next(last, new GenerationOptions(MaxTokens: 1), [0.999999]).ToArray<long>()[0]);
        Assert.Equal(2L, TokenSampler.Next(last, new GenerationOptions(MaxTokens: 1), [0.0]).ToArray<long>()[0]);
    }

    // Uniforms in [0, 1), a function of key and step only, and close to uniform (each tenth holds 10 % ± 4.5 SE).
    [Fact]
    public void UniformsAreKeyedAndEvenlySpread()
    {
        var streams = RowStreams.For(9, Enumerable.Range(0, 1000).Select(r => (long)r).ToArray());
        var u = Enumerable.Range(0, 50).SelectMany(streams.Uniforms).ToArray();
        Assert.All(u, x => Assert.InRange(x, 0, 1 - 1e-17));
        Assert.Equal(streams.Uniforms(3), RowStreams.For(9, Enumerable.Range(0, 1000).Select(r => (long)r).ToArray()).Uniforms(3));
        for (var d = 0; d < 10; d++)
        {
            double share = u.Count(x => (int)(x * 10) == d) / (double)u.Length, se = Math.Sqrt(0.09 / u.Length);
            Assert.InRange(share, 0.1 - 4.5 * se, 0.1 + 4.5 * se);
        }
    }
}
