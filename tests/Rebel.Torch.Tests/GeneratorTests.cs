namespace Rebel.Torch.Tests;

public class GeneratorTests
{
    public GeneratorTests() => NativeShim.Ensure();

    [Fact]
    public void SameSeedSameStreamAndStateReplays()
    {
        using var scope = new DisposeScope();
        using var a = new Generator(42);
        using var b = new Generator(42);
        Assert.Equal(Tensor.Randn([5], a).ToArray<float>(), Tensor.Randn([5], b).ToArray<float>());
        var state = a.GetState();
        var next = Tensor.Rand([4], a).ToArray<float>();
        Assert.NotEqual(next, Tensor.Rand([4], a).ToArray<float>());
        a.SetState(state);
        Assert.Equal(next, Tensor.Rand([4], a).ToArray<float>());
    }

    [Fact]
    public void UniformSamplesHaveTheRightMean()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(7);
        var mean = Tensor.Rand([100_000], g, DType.Float64).Mean().Item();
        // Standard error √(1/12/1e5) ≈ 0.0009.
        Assert.InRange(mean, 0.496, 0.504);
    }
}
