using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Neural.Evaluation;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Evaluation;

public class PrefixEnumerationTests
{
    private static TransformerPolicy Policy(int vocab, int context, ulong seed)
    {
        NativeShim.Ensure();
        using var init = new Generator(seed);
        return new TransformerPolicy(new TransformerConfig(Vocab: vocab, Context: context, DModel: 32, Layers: 2, Heads: 4), init, Device.Cpu);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // float32 forward passes: relative agreement to float precision, far below the spread of the probabilities.
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * expected[i], $"π[{i}]: {expected[i]} vs {actual[i]}");
    }

    // π of every sequence from one pass per sequence (TransformerPolicy.SequenceLogProbs), renormalised.
    private static double[] OnePassPerSequence(TransformerPolicy policy, SequenceSpace space, long[] prompt)
    {
        var ids = Enumerable.Range(0, space.Count).SelectMany(i => space.Tokens(i).Select(t => (long)t)).ToArray();
        using var responses = Tensor.FromArray(ids, space.Count, space.Length);
        using var prompts = Tensor.FromArray(Enumerable.Range(0, space.Count).SelectMany(_ => prompt).ToArray(), space.Count, prompt.Length);
        using var logProbs = policy.SequenceLogProbs(prompts, responses, space.Vocab).To(DType.Float64);
        var p = logProbs.ToArray<double>().Select(Math.Exp).ToArray();
        var total = p.Sum();
        return p.Select(x => x / total).ToArray();
    }

    // Batches of 5 prefixes leave a partial last batch (27 prefixes of length 3); a policy vocabulary larger than the
    // responses' (prompt tokens of their own) restricts the responses to the first V ids.
    [Theory]
    [InlineData(3, 3, 4, 5)]
    [InlineData(4, 4, 5, 1024)]
    [InlineData(5, 5, 1, 2)]
    [InlineData(3, 7, 3, 4)]
    public void EqualsTheOnePassPerSequenceEnumeration(int vocab, int policyVocab, int length, int batch)
    {
        using var policy = Policy(policyVocab, length + 1, 3);
        var space = new SequenceSpace(vocab, length);
        long[] prompt = [policyVocab - 1];
        var expected = OnePassPerSequence(policy, space, prompt);
        var actual = PrefixEnumeration.Probabilities(policy, space, prompt, batch);
        AssertClose(expected, actual);
        Assert.Equal(1, actual.Sum(), 1e-12);
        // The policy is far from uniform, so agreement is not agreement of two flat vectors.
        Assert.True(actual.Max() > 1.5 * actual.Min());
    }

    [Fact]
    public void ConditionsOnALongerPrompt()
    {
        using var policy = Policy(3, 6, 4);
        var space = new SequenceSpace(3, 3);
        long[] prompt = [2, 0, 1];
        var actual = PrefixEnumeration.Probabilities(policy, space, prompt, batch: 4);
        AssertClose(OnePassPerSequence(policy, space, prompt), actual);
        // Another prompt gives another policy.
        var other = PrefixEnumeration.Probabilities(policy, space, [1, 1, 1], batch: 4);
        Assert.True(actual.Zip(other, (a, b) => Math.Abs(a - b)).Max() > 1e-4);
    }

    // The whole implicit evaluation (prefix enumeration, grouped P·π) gives the dense path's exact gap.
    [Fact]
    public void TheImplicitExactGapEqualsTheDenseOne()
    {
        const string spec = "seq-majority:vocab=3,length=5,annotators=3,seed=2";
        var family = new SequenceMajority();
        var dense = family.CreateSequenceGame(GameSpec.Parse(spec, family));
        var implicitGame = ImplicitSequenceMajority.Create(GameSpec.Parse(spec, family));
        using var policy = Policy(3, 6, 6);
        var expected = SequencePolicy.ExactDualityGap(policy, dense);
        var actual = implicitGame.DualityGap(PrefixEnumeration.Probabilities(policy, implicitGame.Space, [0]));
        Assert.Equal(expected, actual, 1e-6);
        Assert.InRange(actual, 0.05, 1);
    }

    [Fact]
    public void PromptsThatDoNotFitAreRefusedNamingThePrompt()
    {
        using var policy = Policy(3, 4, 5);
        var space = new SequenceSpace(3, 3);
        Assert.Equal("prompt", Assert.Throws<ArgumentException>(() => PrefixEnumeration.Probabilities(policy, space, [0, 0, 0])).ParamName);
        Assert.Equal("prompt", Assert.Throws<ArgumentException>(() => PrefixEnumeration.Probabilities(policy, space, [3])).ParamName);
        Assert.Equal("prompt", Assert.Throws<ArgumentException>(() => PrefixEnumeration.Probabilities(policy, space, [])).ParamName);
        Assert.Equal("space", Assert.Throws<ArgumentException>(() => PrefixEnumeration.Probabilities(policy, new SequenceSpace(4, 2), [0])).ParamName);
    }
}
