using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

public class MlpPolicyTests
{
    public MlpPolicyTests() => NativeShim.Ensure();

    [Fact]
    public void LogProbsAreNormalisedPerContextAndTrainable()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(2);
        using var policy = new MlpPolicy(3, new MlpPolicyOptions(Hidden: 8, Layers: 2), g, Device.Cpu);
        var features = Tensor.Randn([2, 5, 3], g);
        var logProbs = policy.LogProbs(features);
        Assert.Equal([2L, 5L], logProbs.Shape);
        var totals = logProbs.Exp().Sum(1).ToArray<float>();
        Approx.Equal([1.0, 1.0], totals, 1e-6);
        logProbs.Narrow(1, 0, 1).Sum().Backward();
        Assert.All(policy.Parameters(), p => Assert.NotNull(p.Grad));
    }

    [Fact]
    public void IdenticalFeaturesGetIdenticalProbabilities()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(3);
        using var policy = new MlpPolicy(2, new MlpPolicyOptions(), g, Device.Cpu);
        var p = policy.LogProbs(Tensor.FromArray([1f, 2f, 1f, 2f, 0f, 0f, 1f, 2f], 4, 2)).Exp().ToArray<float>();
        Assert.Equal(p[0], p[1]);
        Assert.Equal(p[0], p[3]);
    }
}
