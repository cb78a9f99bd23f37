using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

public class TransformerPolicyTests
{
    public TransformerPolicyTests() => NativeShim.Ensure();

    private static readonly TransformerConfig Config = new(Vocab: 3, Context: 8, DModel: 16, Layers: 2, Heads: 4);

    private static TransformerPolicy Create(ulong seed) => Policies.Create(Config, seed);

    [Fact]
    public void ChangingALaterTokenLeavesEarlierLogitsUnchanged()
    {
        using var scope = new DisposeScope();
        using var model = Create(3);
        var a = model.Forward(Tensor.FromArray([0L, 1L, 2L, 1L, 0L, 2L], 1, 6)).ToArray<float>();
        var b = model.Forward(Tensor.FromArray([0L, 1L, 2L, 0L, 2L, 1L], 1, 6)).ToArray<float>();
        var v = Config.Vocab;
        for (var i = 0; i < 3 * v; i++) Assert.Equal(a[i], b[i]);
        Assert.True(Enumerable.Range(3 * v, 3 * v).Any(i => a[i] != b[i]), "later logits should depend on the changed tokens");
    }

    [Fact]
    public void SequenceProbabilitiesSumToOneOverAllResponses()
    {
        using var scope = new DisposeScope();
        using var model = Create(4);
        const int length = 3;
        var all = Enumerable.Range(0, 27).SelectMany(k => new long[] { k / 9, k / 3 % 3, k % 3 }).ToArray();
        var responses = Tensor.FromArray(all, 27, length);
        var prompts = Tensor.Full([27, 2], 1, DType.Int64);
        var total = model.SequenceLogProbs(prompts, responses).Exp().Sum().Item();
        Assert.Equal(1.0, total, 5);
    }

    [Fact]
    public void SequenceLogProbIsTheSumOfNextTokenLogProbs()
    {
        using var scope = new DisposeScope();
        using var model = Create(5);
        long[] prompt = [2, 0];
        long[] response = [1, 2, 2];
        var logits = model.Forward(Tensor.FromArray([.. prompt, .. response], 1, 5)).ToArray<float>();
        var v = Config.Vocab;
        double expected = 0;
        for (var t = 0; t < response.Length; t++)
        {
            var row = logits.Skip((prompt.Length - 1 + t) * v).Take(v).Select(x => (double)x).ToArray();
            var logZ = Math.Log(row.Sum(Math.Exp));
            expected += row[response[t]] - logZ;
        }
        var actual = model.SequenceLogProbs(Tensor.FromArray(prompt, 1, 2), Tensor.FromArray(response, 1, 3)).Item();
        Assert.Equal(expected, actual, 5);
    }

    [Fact]
    public void SamplingIsSeededAndFollowsThePolicy()
    {
        using var scope = new DisposeScope();
        using var model = Create(6);
        const int n = 6000;
        var prompts = Tensor.Full([n, 1], 0, DType.Int64);
        long[] Draw(ulong seed)
        {
            using var g = new Generator(seed);
            return model.Sample(prompts, 1, 1.0, g).ToArray<long>();
        }
        var first = Draw(11);
        Assert.Equal(first, Draw(11));
        var probabilities = model.SequenceLogProbs(Tensor.Full([3, 1], 0, DType.Int64), Tensor.FromArray([0L, 1L, 2L], 3, 1)).Exp().ToArray<float>();
        for (var y = 0; y < 3; y++)
        {
            var frequency = first.Count(s => s == y) / (double)n;
            // Four binomial standard deviations at n = 6000 are at most 0.026.
            Assert.True(Math.Abs(frequency - probabilities[y]) < 0.026, $"token {y}: frequency {frequency}, π {probabilities[y]}");
        }
    }

    [Fact]
    public void GreedySamplingTakesTheArgmaxAtEveryStep()
    {
        using var scope = new DisposeScope();
        using var model = Create(7);
        using var g = new Generator(1);
        var prompt = Tensor.FromArray([1L], 1, 1);
        var greedy = model.Sample(prompt, 4, 0, g).ToArray<long>();
        var sequence = new List<long> { 1 };
        for (var t = 0; t < 4; t++)
        {
            var logits = model.Forward(Tensor.FromArray(sequence.ToArray(), 1, sequence.Count)).ToArray<float>();
            var last = logits.Skip((sequence.Count - 1) * Config.Vocab).Take(Config.Vocab).ToList();
            sequence.Add(last.IndexOf(last.Max()));
        }
        Assert.Equal(sequence.Skip(1), greedy);
    }

    [Fact]
    public void InvalidConfigsAndOverlongInputsAreRejected()
    {
        using var g = new Generator(1);
        Assert.Throws<ArgumentException>(() => new TransformerPolicy(Config with { DModel = 10, Heads = 4 }, g, Device.Cpu));
        using var model = Create(1);
        using var tooLong = Tensor.Zeros([1, 9], DType.Int64);
        Assert.Throws<ArgumentException>(() => model.Forward(tooLong));
    }
}
