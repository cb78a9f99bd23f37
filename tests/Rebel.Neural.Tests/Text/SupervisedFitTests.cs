using Rebel.Neural.Text;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Text;

public class SupervisedFitTests
{
    // Three copies of "1 2" and one of "3 1" after the prompt [0]: the maximum-likelihood policy gives them 3/4 and 1/4,
    // a loss of −(3/4 ln 3/4 + 1/4 ln 1/4) = 0.562 nats; the fit gets there from a random start's ~2.8 (ln 16 + noise).
    [Fact]
    public void FitsTheResponsesFrequenciesByMaximumLikelihood()
    {
        NativeShim.Ensure();
        Torch.Torch.Threads = 1;
        using var init = new Generator(4);
        using var policy = new TransformerPolicy(new TransformerConfig(Vocab: 4, Context: 3, DModel: 16, Layers: 1, Heads: 2), init, Device.Cpu);
        using var scope = new DisposeScope();
        var prompts = Tensor.FromArray(new long[] { 0, 0, 0, 0 }, 4, 1);
        var responses = Tensor.FromArray(new long[] { 1, 2, 1, 2, 1, 2, 3, 1 }, 4, 2);
        var loss = SupervisedFit.Fit(policy, prompts, responses, 300, new AdamWOptions(Lr: 1e-2, WeightDecay: 0));
        Assert.InRange(loss, 0.562, 0.60);
        var logProbs = policy.SequenceLogProbs(prompts.Narrow(0, 2, 2), responses.Narrow(0, 2, 2)).ToArray<float>();
        Assert.InRange(Math.Exp(logProbs[0]), 0.72, 0.78);
        Assert.InRange(Math.Exp(logProbs[1]), 0.22, 0.28);
    }
}
