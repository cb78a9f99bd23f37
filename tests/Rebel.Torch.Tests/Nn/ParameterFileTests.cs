using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Rebel.Torch.Models;
using Rebel.Torch.Nn;

namespace Rebel.Torch.Tests.Nn;

public sealed class ParameterFileTests : IDisposable
{
    private static readonly TransformerConfig Small = new(Vocab: 5, Context: 6, DModel: 8, Layers: 1, Heads: 2);
    private readonly string dir = Directory.CreateTempSubdirectory("rebel-params-").FullName;

    public ParameterFileTests() => NativeShim.Ensure();

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string PathOf(string name) => Path.Combine(dir, name);

    private static TransformerPolicy Policy(ulong seed, TransformerConfig? config = null)
    {
        using var g = new Generator(seed);
        return new TransformerPolicy(config ?? Small, g, Device.Cpu);
    }

    private static float[][] Values(Module m) => m.NamedParameters().Select(p => p.Tensor.ToArray<float>()).ToArray();

    [Fact]
    public void APolicyLoadsBackFromItsFileWithItsConfigAndEveryParameter()
    {
        var path = PathOf("policy.safetensors");
        using var saved = Policy(1, Small with { Layers = 2 });
        saved.Save(path);
        using var loaded = TransformerPolicy.Load(path, Device.Cpu);
        Assert.Equal(saved.Config, loaded.Config);
        Assert.Equal(saved.NamedParameters().Select(p => p.Name), loaded.NamedParameters().Select(p => p.Name));
        Assert.Equal(Values(saved), Values(loaded));
        using var scope = new DisposeScope();
        var tokens = Tensor.FromArray([1L, 2L, 3L], 1, 3);
        Assert.Equal(saved.Forward(tokens).ToArray<float>(), loaded.Forward(tokens).ToArray<float>());
        var sidecar = JsonNode.Parse(File.ReadAllText(PathOf("policy.config.json")))!;
        Assert.Equal("transformer-policy", (string?)sidecar["model"]);
        Assert.Equal(8, (int)sidecar["config"]!["d_model"]!);
        Assert.Equal(2, (int)sidecar["config"]!["layers"]!);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void TheFileIsSafetensorsWithPyTorchNamesAndRawLittleEndianFloats()
    {
        var path = PathOf("policy.safetensors");
        using var policy = Policy(1);
        policy.Save(path);
        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, n))!.AsObject();
        Assert.Equal("pt", (string?)header["__metadata__"]!["format"]);
        Assert.Equal(8, (int)JsonNode.Parse((string)header["__metadata__"]!["rebel.config"]!)!["d_model"]!);
        string[] expected = ["wte.weight", "wpe.weight", "blocks.0.ln1.weight", "blocks.0.ln1.bias", "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias",
            "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias", "blocks.0.ln2.weight", "blocks.0.ln2.bias", "blocks.0.fc.weight", "blocks.0.fc.bias",
            "blocks.0.proj.weight", "blocks.0.proj.bias", "lnf.weight", "lnf.bias"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), header.Select(p => p.Key).Where(k => k != "__metadata__").Order(StringComparer.Ordinal));
        var qkv = header["blocks.0.attn.qkv.weight"]!;
        Assert.Equal("F32", (string?)qkv["dtype"]);
        Assert.Equal([24L, 8L], qkv["shape"]!.AsArray().Select(d => (long)d!));
        var begin = (int)qkv["data_offsets"]![0]! + 8 + n;
        var stored = Enumerable.Range(0, 24 * 8).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(begin + 4 * i))).ToArray();
        Assert.Equal(policy.NamedParameters().Single(p => p.Name == "blocks.0.attn.qkv.weight").Tensor.ToArray<float>(), stored);
    }

    [Fact]
    public void AnotherConfigIsRejectedBeforeAnyWeightChanges()
    {
        var path = PathOf("policy.safetensors");
        using var wide = Policy(1, Small with { DModel = 12 });
        wide.Save(path);
        using var small = Policy(2);
        var before = Values(small);
        var e = Assert.Throws<InvalidDataException>(() => small.LoadWeights(path));
        Assert.StartsWith($"{path}: config {{\"vocab\":5,\"context\":6,\"d_model\":12", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Values(small));
    }

    [Fact]
    public void AShapeThatDiffersIsRejectedNamingTheTensorAndNothingIsHalfLoaded()
    {
        var path = PathOf("policy.safetensors");
        using var small = Policy(2);
        using var wide = Policy(1, Small with { DModel = 12 });
        small.Save(PathOf("small.safetensors"));
        // The wide weights under the small config: only the shapes tell them apart.
        ParameterFile.Save(wide, path, TransformerPolicy.ModelKind, ParameterFile.ReadModel(PathOf("small.safetensors")).Config);
        var before = Values(small);
        var e = Assert.Throws<InvalidDataException>(() => small.LoadWeights(path));
        Assert.Equal($"{path}: tensor 'wte.weight': shape [5, 12], the model has [5, 8]", e.Message);
        Assert.Equal(before, Values(small));
    }

    [Theory]
    [InlineData("rename", "tensor 'lnf.weightX': the transformer-policy has no such parameter")]
    [InlineData("drop", "tensor 'lnf.weight' is missing (the transformer-policy has it)")]
    [InlineData("dtype", "tensor 'lnf.weight': dtype I64, the model has F32")]
    [InlineData("kind", "holds a neural-gpm ('rebel.model' metadata), not a transformer-policy")]
    [InlineData("truncate", "the tensors hold")]
    [InlineData("offsets", "tensor 'lnf.weight': F32 shape [8] needs 32 bytes, data_offsets give 0")]
    public void AnInconsistentFileIsOneLineNamingTheFileAndTheTensor(string damage, string message)
    {
        var path = PathOf("policy.safetensors");
        using var policy = Policy(1);
        policy.Save(path);
        Rewrite(path, damage);
        var before = Values(policy);
        var e = Assert.Throws<InvalidDataException>(() => policy.LoadWeights(path));
        Assert.StartsWith($"{path}: {message}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(before, Values(policy));
    }

    [Fact]
    public void AForeignOrMissingFileIsRejected()
    {
        var path = PathOf("notes.safetensors");
        File.WriteAllText(path, "not parameters at all");
        using var model = Policy(1);
        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.StartsWith($"{path}: not a safetensors file", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FileNotFoundException>(() => TransformerPolicy.Load(PathOf("none.safetensors"), Device.Cpu));
        Assert.Equal($"{PathOf("none.safetensors")}: weights file not found", missing.Message);
    }

    // Edits the header of a saved file (and the data for a truncation), keeping it otherwise valid.
    private static void Rewrite(string path, string damage)
    {
        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, n))!.AsObject();
        var data = bytes[(8 + n)..];
        var entry = header["lnf.weight"]!.AsObject();
        switch (damage)
        {
            case "rename": header.Remove("lnf.weight"); header["lnf.weightX"] = entry; break;
            case "drop": // the last tensor in the data, so the others stay back to back
                var end = (long)header["lnf.bias"]!["data_offsets"]![1]!;
                var (b, e) = ((long)entry["data_offsets"]![0]!, (long)entry["data_offsets"]![1]!);
                header.Remove("lnf.weight");
                header["lnf.bias"]!["data_offsets"] = new JsonArray(b, b + end - e);
                data = [.. data[..(int)b], .. data[(int)e..]];
                break;
            case "dtype": entry["dtype"] = "I64"; entry["shape"] = new JsonArray(4); break;
            case "kind": header["__metadata__"]!["rebel.model"] = "neural-gpm"; break;
            case "truncate": data = data[..^4]; break;
            case "offsets": entry["data_offsets"] = new JsonArray(entry["data_offsets"]![0]!.GetValue<long>(), entry["data_offsets"]![0]!.GetValue<long>()); break;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        File.WriteAllBytes(path, [.. prefix, .. json, .. data]);
    }
}
