using Rebel.Cli.Tests.Utils;
using Rebel.Neural.Preference;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Preference;

public class NeuralGpmWeightsTests
{
    [Fact]
    public void AGpmLoadsBackWithItsShapeAndScores()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        using var g = new Generator(4);
        using var saved = new NeuralGpm(vocab: 3, length: 4, width: 6, dimension: 4, g, Device.Cpu);
        saved.Save(dir["gpm.safetensors"]);
        using var loaded = NeuralGpm.Load(dir["gpm.safetensors"], Device.Cpu);
        Assert.Equal((3, 4, 6, 4), (loaded.Vocab, loaded.Length, loaded.Width, loaded.Dimension));
        using var scope = new DisposeScope();
        var sequences = Tensor.FromArray([0L, 1L, 2L, 0L, 2L, 2L, 1L, 0L], 2, 4);
        Assert.Equal(saved.Scores(saved.Embed(sequences)).ToArray<float>(), loaded.Scores(loaded.Embed(sequences)).ToArray<float>());
    }

    [Fact]
    public void APolicyFileIsNotAGpm()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        using var g = new Generator(4);
        using (var policy = new TransformerPolicy(new TransformerConfig(Vocab: 3, Context: 5, DModel: 4, Layers: 1, Heads: 1), g, Device.Cpu))
            policy.Save(dir["policy.safetensors"]);
        var e = Assert.Throws<InvalidDataException>(() => NeuralGpm.Load(dir["policy.safetensors"], Device.Cpu));
        Assert.Equal($"{dir["policy.safetensors"]}: holds a transformer-policy, not a neural-gpm", e.Message);
    }
}
