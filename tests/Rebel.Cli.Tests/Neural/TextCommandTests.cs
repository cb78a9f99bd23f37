using System.Text.Json;
using Rebel.Cli.Tests.Utils;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Runs;
using Rebel.Torch.Tests;

namespace Rebel.Cli.Tests.Neural;

/// <summary>The text loop through the real <c>rebel</c>: text pairs → fit-pref over GPT-2 token ids → neural self-play on the text prompts; and its bad inputs.</summary>
public class TextCommandTests
{
    private static double Field(string line, string name) => JsonDocument.Parse(line).RootElement.GetProperty(name).GetDouble();

    private static void WritePairs(string path) =>
        File.WriteAllLines(path, NeuralData.Pairs(2, 2).Select(d => JsonSerializer.Serialize(new { prompt = d.Prompt, a = d.A, b = d.B, p = d.P })));

    [Fact]
    public void TextPairsFitOverGptTwoIdsAndDriveNeuralSelfPlayOnTheirPrompts()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        WritePairs(dir["pairs.jsonl"]);
        var fit = RebelProcess.Run(dir.Path, "fit-pref", "--data", dir["pairs.jsonl"], "--model", "neural-gpm", "--tokenizer", "gpt2",
            "--steps", "300", "--device", "cpu", "--out", dir["model.json"]);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        Assert.Contains("2 prompt(s), responses of 2 tokens over 4 ids", fit.Stdout, StringComparison.Ordinal);
        var vocabulary = JsonDocument.Parse(File.ReadAllText(dir["model.json.vocab.json"])).RootElement;
        Assert.Equal([" paper", " rock", " scissors"], vocabulary.GetProperty("response_texts").EnumerateArray().Select(e => e.GetString()));

        var run = RebelProcess.Run(dir.Path, "selfplay", "--policy", "neural", "--tokenizer", "gpt2", "--pref-model", dir["model.json"],
            "--iterations", "3", "--estimate-samples", "8", "--device", "cpu", "--out", dir["run"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var last = File.ReadAllLines(Path.Combine(dir["run"], RunFiles.Metrics))[^1];
        Assert.InRange(Field(last, "dg_last_est_ci"), 1e-6, 2);
        Assert.InRange(Field(last, "dg_last_est"), -1, 1);
    }

    // Measured (one libtorch thread): dg_avg at 5, 10, 20, 40 iterations 0.301, 0.266, 0.188, 0.141 for seed 1 and
    // 0.268, 0.229, 0.179, 0.139 for seed 2 — log–log slopes −0.37 and −0.32 from 5 to 40.
    [Fact]
    public void NeuralSelfPlayOnTheBuiltInTextTaskDrivesTheAverageGapDown()
    {
        NativeShim.Ensure();
        using var dir = new TempDirectory();
        var run = RebelProcess.Run(dir.Path, "selfplay", "--policy", "neural", "--tokenizer", "gpt2", "--pref-model", "text-rps",
            "--iterations", "40", "--seed", "1", "--device", "cpu", "--out", dir["run"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(Path.Combine(dir["run"], RunFiles.Metrics));
        double Average(int t) => Field(lines[t - 1], "dg_avg");
        Assert.True(Average(10) < Average(5) && Average(20) < Average(10) && Average(40) < Average(20), string.Join(' ', new[] { 5, 10, 20, 40 }.Select(Average)));
        var slope = Math.Log(Average(40) / Average(5)) / Math.Log(8);
        Assert.True(slope < -0.15, $"slope {slope}");
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "missing tokenizer file", ["fit-pref", "--data", "pairs.jsonl", "--model", "neural-gpm", "--tokenizer", "nope.tiktoken", "--out", "out.json"], "rebel: Tokenizer nope.tiktoken: no such file" },
        { "malformed tokenizer file", ["fit-pref", "--data", "pairs.jsonl", "--model", "neural-gpm", "--tokenizer", "bad.tiktoken", "--out", "out.json"], "rebel: Tokenizer bad.tiktoken: not a tiktoken tokenizer file" },
        { "text pairs line without a prompt", ["fit-pref", "--data", "noprompt.jsonl", "--model", "neural-gpm", "--tokenizer", "gpt2", "--out", "out.json"], "rebel: noprompt.jsonl:2: missing 'prompt'" },
        { "prompt longer than the model's context", ["fit-pref", "--data", "pairs.jsonl", "--model", "neural-gpm", "--tokenizer", "gpt2", "--context", "5", "--out", "out.json"], "rebel: pairs.jsonl:1: the prompt has 6 tokens; with responses of 2 it exceeds the model's context of 5" },
        { "prompt longer than the policy's context", ["selfplay", "--policy", "neural", "--tokenizer", "gpt2", "--pref-model", "text-rps", "--context", "6", "-T", "2", "--out", "out"], "--context 6: the prompt of context 'Rock, paper, scissors, where rock crushes scissors:' has 12 tokens" },
        { "missing tokenizer file for self-play", ["selfplay", "--policy", "neural", "--tokenizer", "nope.tiktoken", "--pref-model", "text-rps", "-T", "2", "--out", "out"], "nope.tiktoken: no such file" },
        { "cuda without a GPU (fit)", ["fit-pref", "--data", "pairs.jsonl", "--model", "neural-gpm", "--tokenizer", "gpt2", "--device", "cuda", "--out", "out.json"], "rebel: --device cuda: libtorch sees no CUDA device" },
        { "cuda without a GPU (self-play)", ["selfplay", "--policy", "neural", "--pref-model", "text-rps", "--device", "cuda", "-T", "2", "--out", "out"], "rebel: --device cuda: libtorch sees no CUDA device" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsOneLineNamingItExitTwoAndNothingWritten(string what, string[] args, string message)
    {
        NativeShim.Ensure();
        if (what.StartsWith("cuda", StringComparison.Ordinal) && Torch.Torch.CudaAvailable) return;
        using var dir = new TempDirectory();
        WritePairs(dir["pairs.jsonl"]);
        File.WriteAllText(dir["bad.tiktoken"], "garbage line\n");
        File.WriteAllLines(dir["noprompt.jsonl"], [File.ReadLines(dir["pairs.jsonl"]).First(), """{"a": " rock", "b": " paper", "winner": "a"}"""]);
        var before = Directory.GetFileSystemEntries(dir.Path).Order().ToArray();
        var result = RebelProcess.Run(dir.Path, args);
        Assert.Equal(2, result.ExitCode);
        var stderr = result.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', stderr);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir.Path).Order().ToArray());
    }
}
