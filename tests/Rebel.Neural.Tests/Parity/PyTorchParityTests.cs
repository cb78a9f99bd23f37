using System.Diagnostics;
using System.Text.Json.Nodes;
using Rebel.Cli.Tests.Utils;
using Rebel.Preference.Objectives;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Parity;

/// <summary>
/// Weights travel to PyTorch and back: a transformer saved by Rebel is loaded into the PyTorch twin of the model
/// (bench/torch/rebel_step.py, under Debian's python3-torch) by <c>parity.py</c>, which recomputes the logits, the
/// sequence log-probabilities and the REBEL loss of the same inputs; PyTorch's state dict, written back as safetensors,
/// loads into Rebel and gives the same logits bit for bit.
/// </summary>
public class PyTorchParityTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void LogitsAndTheRebelLossMatchPyTorchOnTheSavedWeights()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        var config = new TransformerConfig(Vocab: 7, Context: 9, DModel: 16, Layers: 2, Heads: 4);
        using var init = new Generator(3);
        using var policy = new TransformerPolicy(config, init, Device.Cpu);
        // Trained a few steps away from the initialisation, so LayerNorm gains and biases are not their 1s and 0s.
        Perturb(policy);
        policy.Save(dir["policy.safetensors"]);

        using var scope = new DisposeScope();
        var random = new Random(5);
        long[] Tokens(int count) => Enumerable.Range(0, count).Select(_ => (long)random.Next(config.Vocab)).ToArray();
        const int groups = 2, k = 3, promptLength = 2, length = 5;
        const double eta = 0.7;
        var tokens = Tensor.FromArray(Tokens(3 * config.Context), 3, config.Context);
        var prompt = Tensor.FromArray(Tokens(groups * k * promptLength), groups * k, promptLength);
        var response = Tensor.FromArray(Tokens(groups * k * length), groups * k, length);
        var logits = policy.Forward(tokens);
        var logProbs = policy.SequenceLogProbs(prompt, response);
        var old = logProbs + Tensor.FromArray(Enumerable.Range(0, groups * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), groups * k);
        var reward = Tensor.FromArray(Enumerable.Range(0, groups * k).Select(_ => (float)random.NextDouble()).ToArray(), groups * k);
        // The loss as the trainer computes it: the shared REBEL objective on the log-ratios (outcomes unused by REBEL).
        var rewards = reward.To(DType.Float64).ToArray<double>();
        var (_, loss) = ObjectiveLoss.Of(new RebelObjective(eta), (logProbs - old).View(groups, k), rewards, new double[groups * k * k]);
        var input = new JsonObject
        {
            ["tokens"] = Rows(tokens), ["prompt"] = Rows(prompt), ["response"] = Rows(response),
            ["logits"] = Floats(logits), ["log_probs"] = Floats(logProbs), ["old_log_probs"] = Floats(old), ["reward"] = Floats(reward),
            ["groups"] = groups, ["k"] = k, ["eta"] = eta, ["loss"] = loss, ["tolerance"] = Tolerance,
        };
        File.WriteAllText(dir["case.json"], input.ToJsonString());

        var (exit, stdout, stderr) = Python(Script(), dir["policy.safetensors"], dir["case.json"], dir["pytorch.safetensors"]);
        Assert.True(exit == 0, $"parity.py exit {exit}: {stdout} {stderr}");
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal(policy.NamedParameters().Count(), (int)result["parameters"]!);
        Assert.InRange((double)result["max_logit_diff"]!, 0, Tolerance);
        Assert.InRange((double)result["max_log_prob_diff"]!, 0, Tolerance);
        Assert.InRange((double)result["loss_diff"]!, 0, Tolerance);
        Assert.True(loss > 0.01, $"a REBEL loss of {loss} would not tell a wrong residual from a right one");

        using var back = TransformerPolicy.Load(dir["pytorch.safetensors"], Device.Cpu);
        Assert.Equal(logits.ToArray<float>(), back.Forward(tokens).ToArray<float>());
    }

    // A few AdamW steps on a sum of log-probabilities moves every parameter off its initial value.
    private static void Perturb(TransformerPolicy policy)
    {
        using var optimizer = new Rebel.Torch.Optim.AdamW(policy.Parameters(), new Rebel.Torch.Optim.AdamWOptions(Lr: 0.05));
        for (var step = 0; step < 3; step++)
        {
            using var scope = new DisposeScope();
            var prompt = Tensor.FromArray([0L, 1L], 2, 1);
            var response = Tensor.FromArray([1L, 2L, 3L, 4L, 5L, 6L], 2, 3);
            var loss = -policy.SequenceLogProbs(prompt, response).Sum();
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    private static JsonArray Rows(Tensor t)
    {
        var values = t.ToArray<long>();
        var width = (int)t.Shape[1];
        return new JsonArray(Enumerable.Range(0, values.Length / width)
            .Select(r => (JsonNode)new JsonArray(values.Skip(r * width).Take(width).Select(v => (JsonNode)v).ToArray())).ToArray());
    }

    // Flat float arrays (parity.py views them in the shape it computes); floats print in round-trip form.
    private static JsonArray Floats(Tensor t) => new(t.ToArray<float>().Select(v => (JsonNode)v).ToArray());

    /// <summary>The path of a script beside this file in the source tree.</summary>
    internal static string Script(string name = "parity.py")
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "bench", "torch", "rebel_step.py"))) root = root.Parent;
        Assert.NotNull(root);
        return Path.Combine(root.FullName, "tests", "Rebel.Neural.Tests", "Parity", name);
    }

    /// <summary>Debian's interpreter, which python3-torch installs into (a pyenv python3 on PATH lacks torch); REBEL_PYTHON overrides it.</summary>
    internal static (int Exit, string Stdout, string Stderr) Python(params string[] args)
    {
        var python = Environment.GetEnvironmentVariable("REBEL_PYTHON") is { Length: > 0 } p ? p : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        using var process = Process.Start(new ProcessStartInfo(python, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result.Trim(), stderr.Trim().Contains("No module named 'torch'", StringComparison.Ordinal)
            ? $"{python} has no torch: install Debian's python3-torch (.ci/run does) or set REBEL_PYTHON" : stderr.Trim());
    }
}
