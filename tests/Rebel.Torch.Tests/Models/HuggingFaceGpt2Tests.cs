using System.Text.Json.Nodes;
using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

/// <summary>The Hugging Face GPT-2 directory round trip and its one-line refusals (parity with PyTorch is in Rebel.Neural.Tests).</summary>
public sealed class HuggingFaceGpt2Tests : IDisposable
{
    private static readonly TransformerConfig Config = new(Vocab: 13, Context: 10, DModel: 8, Layers: 2, Heads: 2, Activation: TransformerConfig.GeluNew);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rebel-hf-" + Guid.NewGuid().ToString("N"));

    public HuggingFaceGpt2Tests() => NativeShim.Ensure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TransformerPolicy SaveOne()
    {
        using var g = new Generator(3);
        var policy = new TransformerPolicy(Config, g, Device.Cpu);
        HuggingFaceGpt2.Save(policy, _dir, endToken: 12);
        return policy;
    }

    [Fact]
    public void ADirectoryRoundTripsWithHuggingFaceNamesAndConv1DLayout()
    {
        using var scope = new DisposeScope();
        using var policy = SaveOne();
        Assert.True(HuggingFaceGpt2.IsModelDirectory(_dir));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "config.json")))!;
        Assert.Equal("gpt2", (string)config["model_type"]!);
        Assert.Equal(8, (int)config["n_embd"]!);
        using var back = HuggingFaceGpt2.Load(_dir, Device.Cpu);
        Assert.Equal(Config with { LayerNormEpsilon = 1e-5 }, back.Config);
        Assert.Equal((Config with { LayerNormEpsilon = 1e-5 }, (int?)12), HuggingFaceGpt2.ReadConfig(_dir));
        var tokens = Tensor.FromArray([1L, 5L, 7L, 12L], 1, 4);
        Assert.Equal(policy.Forward(tokens).ToArray<float>(), back.Forward(tokens).ToArray<float>());
        // Conv1D weights are stored [in, out]: c_attn of d = 8 is [8, 24], the transpose of Linear's [24, 8].
        var header = Header(Path.Combine(_dir, "model.safetensors"));
        Assert.Equal([8L, 24L], header["h.0.attn.c_attn.weight"]!["shape"]!.AsArray().Select(v => (long)v!));
        Assert.Equal([8L, 32L], header["h.1.mlp.c_fc.weight"]!["shape"]!.AsArray().Select(v => (long)v!));
        Assert.Equal([13L, 8L], header["wte.weight"]!["shape"]!.AsArray().Select(v => (long)v!));
    }

    [Theory]
    [InlineData("model_type", "\"llama\"", "config.json: 'model_type' is 'llama', only gpt2 is supported")]
    [InlineData("activation_function", "\"relu\"", "config.json: 'activation_function' is 'relu', not gelu_new or gelu")]
    [InlineData("n_inner", "16", "config.json: 'n_inner' is 16, only 4 × n_embd (32) is supported")]
    [InlineData("n_head", "\"two\"", "config.json: 'n_head' is \"two\", not an integer")]
    [InlineData("n_layer", "3", "model.safetensors: tensor 'h.2.ln_1.weight' is missing")]
    [InlineData("n_positions", "12", "model.safetensors: tensor 'wpe.weight': shape [10, 8], config.json gives [12, 8]")]
    [InlineData("n_layer", "1", "model.safetensors: tensor 'h.1.ln_1.weight' is not a parameter of a GPT-2 of this config")]
    [InlineData("tie_word_embeddings", "false", "config.json: 'tie_word_embeddings' is false, only true is supported")]
    public void AnUnsupportedConfigOrAMismatchedTensorIsOneLineNamingTheFileAndTheField(string field, string value, string message)
    {
        SaveOne().Dispose();
        var path = Path.Combine(_dir, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config[field] = JsonNode.Parse(value);
        File.WriteAllText(path, config.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => HuggingFaceGpt2.Load(_dir, Device.Cpu));
        Assert.EndsWith(message, e.Message);
        Assert.StartsWith(_dir, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ATensorOfAnIntegerDtypeIsRefusedNamingIt()
    {
        SaveOne().Dispose();
        // ln_f.bias (8 F32 = 32 bytes) relabelled as 4 I64: a consistent file whose tensor is not floating point.
        var path = Path.Combine(_dir, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        var header = Header(path);
        header["ln_f.bias"]!["dtype"] = "I64";
        header["ln_f.bias"]!["shape"] = new JsonArray(4);
        var json = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        using (var file = File.Create(path))
        {
            file.Write(BitConverter.GetBytes((ulong)padded));
            file.Write(json);
            for (var i = json.Length; i < padded; i++) file.WriteByte((byte)' ');
            file.Write(bytes.AsSpan(8 + length));
        }
        var e = Assert.Throws<InvalidDataException>(() => HuggingFaceGpt2.Load(_dir, Device.Cpu));
        Assert.Equal($"{path}: tensor 'ln_f.bias': dtype I64 is not a floating type (F32, F64, BF16)", e.Message);
    }

    [Fact]
    public void ADirectoryWithoutWeightsOrConfigIsRefused()
    {
        SaveOne().Dispose();
        File.Delete(Path.Combine(_dir, "model.safetensors"));
        Assert.EndsWith("model.safetensors: no such file (the model's weights)", Assert.Throws<InvalidDataException>(() => HuggingFaceGpt2.Load(_dir, Device.Cpu)).Message);
        File.Delete(Path.Combine(_dir, "config.json"));
        Assert.False(HuggingFaceGpt2.IsModelDirectory(_dir));
        Assert.Contains("config.json: no such file", Assert.Throws<InvalidDataException>(() => HuggingFaceGpt2.Load(_dir, Device.Cpu)).Message);
    }

    private static JsonObject Header(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        return JsonNode.Parse(bytes.AsSpan(8, length))!.AsObject();
    }
}
