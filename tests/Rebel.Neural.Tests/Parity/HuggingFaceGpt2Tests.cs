using System.Text.Json.Nodes;
using Rebel.Cli.Tests.Utils;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Parity;

/// <summary>
/// A Hugging Face GPT-2 directory with random weights, written by <c>hf_gpt2.py</c> (the module written out from the
/// architecture under Debian's python3-torch, transformers not imported), loads into Rebel with the same logits and the
/// same greedy generation; Rebel writes it back in the same layout and PyTorch computes the same logits from that.
/// </summary>
public class HuggingFaceGpt2Tests
{
    private const double Tolerance = 1e-5;

    private static readonly long[][] Tokens = [[52, 3, 17, 40, 8, 8, 1, 29, 50, 11, 0, 7], [5, 44, 44, 2, 19, 33, 6, 12, 9, 51, 30, 4]];
    private static readonly long[][] Prompts = [[52, 10, 20, 30], [1, 2], [40, 41, 42, 43, 44, 45], [7]];
    private const int NewTokens = 20;

    [Fact]
    public void LogitsAndGreedyGenerationMatchPyTorchInBothDirections()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        var casePath = dir["case.json"];
        File.WriteAllText(casePath, new JsonObject
        {
            ["tokens"] = new JsonArray(Tokens.Select(r => (JsonNode)new JsonArray(r.Select(t => (JsonNode)t).ToArray())).ToArray()),
            ["prompts"] = new JsonArray(Prompts.Select(r => (JsonNode)new JsonArray(r.Select(t => (JsonNode)t).ToArray())).ToArray()),
            ["new_tokens"] = NewTokens,
        }.ToJsonString());
        var pytorch = RunPython("make", dir["hf"], casePath);

        using var scope = new DisposeScope();
        using var model = HuggingFaceGpt2.Load(dir["hf"], Device.Cpu);
        Assert.Equal(new TransformerConfig(53, 40, 32, 2, 4, TransformerConfig.GeluNew, 1e-5), model.Config);
        Assert.Equal(52, HuggingFaceGpt2.ReadConfig(dir["hf"]).EndToken);
        var logits = AssertSameLogits(model, pytorch);
        AssertSameGreedy(model, pytorch);

        // Written back without the prefix, as the Hub's gpt2: PyTorch reads it and Rebel reads the same numbers back.
        HuggingFaceGpt2.Save(model, dir["out"], endToken: 52);
        var again = RunPython("run", dir["out"], casePath);
        AssertSameLogits(model, again);
        using var back = HuggingFaceGpt2.Load(dir["out"], Device.Cpu);
        Assert.Equal(model.Config, back.Config);
        Assert.Equal(logits, back.Forward(Tensor.FromArray(Tokens.SelectMany(r => r).ToArray(), Tokens.Length, Tokens[0].Length)).ToArray<float>());
    }

    private static float[] AssertSameLogits(TransformerPolicy model, JsonNode pytorch)
    {
        var logits = model.Forward(Tensor.FromArray(Tokens.SelectMany(r => r).ToArray(), Tokens.Length, Tokens[0].Length)).ToArray<float>();
        var expected = pytorch["logits"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(expected.Length, logits.Length);
        var largest = expected.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
        Assert.InRange(largest, 0, Tolerance);
        Assert.True(expected.Max() - expected.Min() > 1, "logits this flat would not tell a wrong layer from a right one");
        return logits;
    }

    private static void AssertSameGreedy(TransformerPolicy model, JsonNode pytorch)
    {
        using var g = new Generator(0);
        var expected = pytorch["greedy"]!.AsArray().Select(row => row!.AsArray().Select(v => (long)v!).ToArray()).ToArray();
        for (var i = 0; i < Prompts.Length; i++)
        {
            var generated = model.Generate(Tensor.FromArray(Prompts[i], 1, Prompts[i].Length), new GenerationOptions(MaxTokens: NewTokens, Temperature: 0), g);
            Assert.Equal(expected[i], generated.Response(0));
        }
        // A tied head makes random GPT-2s repeat a token; the prompts together still take several paths.
        Assert.True(expected.SelectMany(r => r).Distinct().Count() > 4, "greedy paths this repetitive would not test much");
    }

    private static JsonNode RunPython(string mode, string directory, string casePath)
    {
        var (exit, stdout, stderr) = PyTorchParityTests.Python(PyTorchParityTests.Script("hf_gpt2.py"), mode, directory, casePath);
        Assert.True(exit == 0, $"hf_gpt2.py {mode} exit {exit}: {stdout} {stderr}");
        return JsonNode.Parse(stdout)!;
    }
}
