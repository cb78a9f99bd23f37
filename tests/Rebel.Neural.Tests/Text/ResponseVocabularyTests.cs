using Rebel.Games.Sequence;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Text;

public class ResponseVocabularyTests
{
    // A vocabulary of 7 ids of which the first 3 are response tokens and the rest occur only in prompts.
    [Fact]
    public void ResponsesAreOverTheFirstIdsOnlyAndTheirProbabilitiesSumToOne()
    {
        NativeShim.Ensure();
        using var init = new Generator(4);
        using var policy = new TransformerPolicy(new TransformerConfig(Vocab: 7, Context: 5, DModel: 16, Layers: 1, Heads: 2), init, Device.Cpu);
        using var scope = new DisposeScope();
        var prompt = Tensor.FromArray([5L, 6L], 1, 2);
        using var generator = new Generator(1);
        var samples = policy.Sample(Tensor.FromArray(Enumerable.Repeat(new[] { 5L, 6L }, 500).SelectMany(p => p).ToArray(), 500, 2), 3, 1.0, generator, responseVocab: 3).ToArray<long>();
        Assert.All(samples, t => Assert.InRange(t, 0, 2));
        Assert.Equal(3, samples.Distinct().Count());
        var space = new SequenceSpace(3, 3);
        double total = 0;
        using (Torch.Torch.NoGrad())
            for (var i = 0; i < space.Count; i++)
                total += Math.Exp(policy.SequenceLogProbs(prompt, Tensor.FromArray(space.Tokens(i).Select(t => (long)t).ToArray(), 1, 3), responseVocab: 3).Item());
        Assert.Equal(1, total, 5);
    }
}
