using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

/// <summary>Generation with the key/value cache: the same logits as reading the whole sequence, and the options' contracts.</summary>
public class GenerationTests
{
    public GenerationTests() => NativeShim.Ensure();

    private static readonly TransformerConfig Config = new(Vocab: 11, Context: 16, DModel: 16, Layers: 2, Heads: 4, Activation: TransformerConfig.GeluNew);

    private static TransformerPolicy Create(ulong seed) => Policies.Create(Config, seed);

    [Fact]
    public void CachedLogitsEqualThoseOfTheWholeSequence()
    {
        using var scope = new DisposeScope();
        using var model = Create(2);
        long[] tokens = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        const int rows = 2, prefix = 4;
        var batch = Tensor.FromArray([.. tokens, .. tokens.Reverse()], rows, tokens.Length);
        var whole = model.Forward(batch).ToArray<float>();
        using var cache = model.NewCache(rows, tokens.Length);
        // The prompt in one pass, then one token at a time, as generation reads them.
        var parts = new List<float[]> { model.Forward(batch.Narrow(1, 0, prefix).Contiguous(), cache).ToArray<float>() };
        for (var t = prefix; t < tokens.Length; t++) parts.Add(model.Forward(batch.Narrow(1, t, 1).Contiguous(), cache).ToArray<float>());
        Assert.Equal(tokens.Length, cache.Length);
        var v = Config.Vocab;
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < tokens.Length; t++)
            {
                var (part, at, width) = t < prefix ? (parts[0], t, prefix) : (parts[t - prefix + 1], 0, 1);
                for (var i = 0; i < v; i++)
                    Assert.True(Math.Abs(whole[(r * tokens.Length + t) * v + i] - part[(r * width + at) * v + i]) <= 1e-5, $"row {r}, position {t}, id {i}");
            }
    }

    [Fact]
    public void GreedyGenerationTakesTheArgmaxOfTheWholeSequenceAtEveryStep()
    {
        using var scope = new DisposeScope();
        using var model = Create(7);
        using var g = new Generator(1);
        var generated = model.Generate(Tensor.FromArray([1L, 2L], 1, 2), new GenerationOptions(MaxTokens: 8, Temperature: 0), g);
        var sequence = new List<long> { 1, 2 };
        for (var t = 0; t < 8; t++)
        {
            var logits = model.Forward(Tensor.FromArray(sequence.ToArray(), 1, sequence.Count)).ToArray<float>();
            var last = logits.Skip((sequence.Count - 1) * Config.Vocab).Take(Config.Vocab).ToList();
            sequence.Add(last.IndexOf(last.Max()));
        }
        Assert.Equal(sequence.Skip(2), generated.Response(0));
    }

    [Fact]
    public void RowsStopAtTheEndTokenAndTheirLogProbsSumToTheSequenceLogProb()
    {
        using var scope = new DisposeScope();
        using var model = Create(3);
        using var g = new Generator(5);
        const int rows = 64, end = 0;
        var prompt = Tensor.Full([rows, 2], 4, DType.Int64);
        // Few ids make the end token likely, so some rows end early and some run to the limit.
        var generated = model.Generate(prompt, new GenerationOptions(MaxTokens: 6, EndToken: end, ResponseVocab: 3), g);
        Assert.Contains(generated.Lengths, l => l < 6);
        Assert.Contains(generated.Lengths, l => l == 6);
        for (var r = 0; r < rows; r++)
        {
            var response = generated.Response(r);
            Assert.All(response, id => Assert.InRange(id, 0, 2));
            if (response.Length < 6) Assert.Equal(end, response[^1]);
            Assert.DoesNotContain(end, response[..^1]);
            var logProb = model.SequenceLogProbs(Tensor.Full([1, 2], 4, DType.Int64), Tensor.FromArray(response, 1, response.Length), 3).Item();
            Assert.Equal(logProb, generated.ResponseLogProbs(r).Sum(x => (double)x), 4);
            for (var t = response.Length; t < generated.Steps; t++)
            {
                Assert.Equal(end, generated.Tokens[r * generated.Steps + t]);
                Assert.Equal(0f, generated.LogProbs[r * generated.Steps + t]);
            }
        }
    }

    [Fact]
    public void TopKAndTopPDrawOnlyAmongTheMostLikelyTokensAndASeedRepeatsTheDraw()
    {
        using var scope = new DisposeScope();
        using var model = Create(4);
        var prompt = Tensor.Full([400, 1], 5, DType.Int64);
        var probabilities = model.Forward(Tensor.Full([1, 1], 5, DType.Int64)).Softmax(-1).ToArray<float>();
        var ranked = Enumerable.Range(0, Config.Vocab).OrderByDescending(i => probabilities[i]).ToArray();
        long[] Draw(GenerationOptions options, ulong seed)
        {
            using var g = new Generator(seed);
            return model.Generate(prompt, options, g).Tokens;
        }
        var topK = Draw(new GenerationOptions(MaxTokens: 1, TopK: 3), 9);
        Assert.Equal(ranked.Take(3).Order(), topK.Distinct().Order().Select(i => (int)i));
        Assert.Equal(topK, Draw(new GenerationOptions(MaxTokens: 1, TopK: 3), 9));
        Assert.NotEqual(topK, Draw(new GenerationOptions(MaxTokens: 1, TopK: 3), 10));
        // The nucleus of mass p: the fewest most likely tokens whose probabilities reach it.
        const double p = 0.5;
        var nucleus = 0;
        for (double mass = 0; mass < p; nucleus++) mass += probabilities[ranked[nucleus]];
        Assert.Equal(ranked.Take(nucleus).Order(), Draw(new GenerationOptions(MaxTokens: 1, TopP: p), 9).Distinct().Order().Select(i => (int)i));
        Assert.All(Draw(new GenerationOptions(MaxTokens: 1, TopK: 1), 9), id => Assert.Equal(ranked[0], id));
    }

    [Fact]
    public void OptionsOutOfRangeAndPromptsPastTheContextAreRejected()
    {
        using var scope = new DisposeScope();
        using var model = Create(1);
        using var g = new Generator(1);
        var prompt = Tensor.Full([1, 4], 1, DType.Int64);
        foreach (var bad in new GenerationOptions[] { new(MaxTokens: 0), new(Temperature: -1), new(TopK: -1), new(TopP: 0), new(TopP: 1.5), new(EndToken: 11), new(ResponseVocab: 12) })
            Assert.Throws<ArgumentException>(() => model.Generate(prompt, bad with { MaxTokens = bad.MaxTokens == 32 ? 4 : bad.MaxTokens }, g));
        Assert.Throws<ArgumentException>(() => model.Generate(prompt, new GenerationOptions(MaxTokens: 14), g));
        Assert.Equal(13, model.Generate(prompt, new GenerationOptions(MaxTokens: 13), g).Steps);
    }
}
