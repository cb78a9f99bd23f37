using Rebel.Torch.Models;
using Rebel.Torch.Nn;

namespace Rebel.Torch.Tests.Nn;

public class ParameterFileTests
{
    public ParameterFileTests() => NativeShim.Ensure();

    private static readonly TransformerConfig Small = new(Vocab: 5, Context: 6, DModel: 8, Layers: 1, Heads: 2);

    [Fact]
    public void RoundTripRestoresEveryParameterAndTheMetadata()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var g1 = new Generator(1);
            using var g2 = new Generator(2);
            using var saved = new TransformerPolicy(Small, g1, Device.Cpu);
            using var loaded = new TransformerPolicy(Small, g2, Device.Cpu);
            ParameterFile.Save(saved, path, "config=small");
            Assert.Equal("config=small", ParameterFile.Load(loaded, path));
            var a = saved.NamedParameters().ToArray();
            var b = loaded.NamedParameters().ToArray();
            Assert.Equal(a.Select(p => p.Name), b.Select(p => p.Name));
            for (var i = 0; i < a.Length; i++)
                Assert.Equal(a[i].Tensor.ToArray<float>(), b[i].Tensor.ToArray<float>());
            using var scope = new DisposeScope();
            var tokens = Tensor.FromArray([1L, 2L, 3L], 1, 3);
            Assert.Equal(saved.Forward(tokens).ToArray<float>(), loaded.Forward(tokens).ToArray<float>());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ADifferentArchitectureIsRejectedNamingTheEntry()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var g = new Generator(1);
            using var saved = new TransformerPolicy(Small, g, Device.Cpu);
            using var wider = new TransformerPolicy(Small with { DModel = 12 }, g, Device.Cpu);
            ParameterFile.Save(saved, path);
            var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(wider, path));
            Assert.StartsWith($"{path}: entry 'wte.weight': shape [5, 8]", e.Message, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AForeignFileIsRejected()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not parameters");
            using var g = new Generator(1);
            using var model = new TransformerPolicy(Small, g, Device.Cpu);
            var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(model, path));
            Assert.Equal($"{path}: not a rebel-torch parameter file", e.Message);
        }
        finally { File.Delete(path); }
    }
}
