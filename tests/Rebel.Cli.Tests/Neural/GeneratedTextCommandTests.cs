using System.Text.Json;
using Rebel.Cli.Tests.Utils;
using Rebel.Runs;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Cli.Tests.Neural;

/// <summary>
/// The real-text path through the real <c>rebel</c>: ordinary short answers to three prompts (too many token sequences
/// to enumerate) → <c>fit-pref --model neural-gpm</c> scores any text → <c>selfplay --policy neural --model DIR</c>
/// starts from a Hugging Face GPT-2 directory and generates its responses; and its bad inputs.
/// </summary>
public sealed class GeneratedTextCommandTests : IDisposable
{
    private const int EndOfText = 50256;
    private readonly TempDirectory _dir = new();

    public GeneratedTextCommandTests() => NativeShim.Ensure();

    public void Dispose() => _dir.Dispose();

    // The examples' made-up answers: 600 comparisons, three prompts, answers of 4–7 GPT-2 tokens, a cycle in each prompt.
    private static string Answers => Path.Combine(AppContext.BaseDirectory, "answers.jsonl");

    // Metrics lines without their wall-clock seconds.
    private static string[] Lines(string path) =>
        File.ReadAllLines(path).Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",\"seconds\":[^,}]*", "")).ToArray();

    private static double Field(string line, string name) => JsonDocument.Parse(line).RootElement.GetProperty(name).GetDouble();

    // A GPT-2-shaped model over GPT-2's ids with random weights (d = 8, 1 layer), written by Rebel, without tokenizer files.
    private string Gpt2(string name, int vocab = 50257, int positions = 24)
    {
        using var g = new Generator(3);
        using var policy = new TransformerPolicy(new TransformerConfig(vocab, positions, 8, 1, 2, TransformerConfig.GeluNew, 1e-5), g, Device.Cpu);
        HuggingFaceGpt2.Save(policy, _dir[name], endToken: vocab - 1);
        return _dir[name];
    }

    private string FitModel()
    {
        var fit = RebelProcess.Run(_dir.Path, "fit-pref", "--model", "neural-gpm", "--tokenizer", "gpt2", "--data", Answers,
            "--steps", "150", "--device", "cpu", "--out", _dir["pm.json"]);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        return _dir["pm.json"];
    }

    private static string[] SelfPlay(string pm, string model, string output, params string[] more) =>
        ["selfplay", "--policy", "neural", "--pref-model", pm, "--model", model, "--tokenizer", "gpt2", "--device", "cpu",
         "--samples", "4", "--prompts", "3", "--batch", "3", "--max-tokens", "8", "--estimate-samples", "4", "--pool-samples", "2", "--out", output, .. more];

    [Fact]
    public void ShortAnswersFitAModelOfAnyTextAndAGptTwoDirectoryLearnsOnItsGeneratedResponsesAndResumes()
    {
        var pm = FitModel();
        Assert.Contains("\"rebel-text-gpm/1\"", File.ReadAllText(pm), StringComparison.Ordinal);
        var model = Gpt2("gpt2");

        var whole = RebelProcess.Run(_dir.Path, SelfPlay(pm, model, _dir["whole"], "-T", "3", "--seed", "2"));
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        var expected = Lines(Path.Combine(_dir["whole"], RunFiles.Metrics));
        Assert.Equal(3, expected.Length);
        Assert.All(expected, l => Assert.InRange(Field(l, "win_rate_ref_est"), 0, 1));
        Assert.All(expected, l => Assert.InRange(Field(l, "exploit_pool_ci"), 0, 2));
        // No exact metric exists for generated responses.
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(expected[0]).RootElement.GetProperty("dg_last").ValueKind);

        // The trained policy is a Hugging Face directory that generate reads.
        var trained = Path.Combine(_dir["whole"], "model");
        var generated = RebelProcess.Run(_dir.Path, "generate", "--model", trained, "--prompt", "What should we cook tonight?", "--tokenizer", "gpt2", "--max-tokens", "4", "--format", "json");
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        Assert.Equal(4, JsonDocument.Parse(generated.Stdout.Split('\n')[0]).RootElement.GetProperty("logprobs").GetArrayLength());

        // A run stopped after 2 iterations and extended to 3 gives the uninterrupted run's metrics, bit for bit.
        Assert.Equal(0, RebelProcess.Run(_dir.Path, SelfPlay(pm, model, _dir["extended"], "-T", "2", "--seed", "2")).ExitCode);
        var extended = RebelProcess.Run(_dir.Path, "selfplay", "--resume", _dir["extended"], "-T", "3");
        Assert.True(extended.ExitCode == 0, extended.Stderr);
        Assert.Equal(expected, Lines(Path.Combine(_dir["extended"], RunFiles.Metrics)));
    }

    [Fact]
    public void BadModelsPromptsAndTokenizersAreOneLineExitTwoAndNothingWritten()
    {
        var pm = FitModel();
        var model = Gpt2("gpt2");
        var small = Gpt2("small-vocab", vocab: 100);
        var shortContext = Gpt2("short", positions: 12);
        Directory.CreateDirectory(_dir["empty"]);
        File.Copy(Path.Combine(model, "config.json"), Path.Combine(_dir["empty"], "config.json"));
        (string[] Args, string Message)[] cases =
        [
            (SelfPlay(pm, _dir["nope"], _dir["out"], "-T", "1"), $"--model {_dir["nope"]}: no such directory"),
            (SelfPlay(pm, _dir["empty"], _dir["out"], "-T", "1"), "model.safetensors: no such file"),
            (SelfPlay(pm, small, _dir["out"], "-T", "1"), "past the vocab_size 100"),
            (SelfPlay(pm, shortContext, _dir["out"], "-T", "1"), "--max-tokens 8: the prompt of context 'Where should we go this weekend?' has 7 tokens; with responses of 8 it exceeds the model's 12 positions"),
            (["selfplay", "--policy", "neural", "--pref-model", pm, "-T", "1", "--device", "cpu", "--out", _dir["out"]], "judges generated text: give the policy's initial weights"),
            (["selfplay", "--policy", "neural", "--pref-model", "text-rps", "--model", model, "-T", "1", "--device", "cpu", "--out", _dir["out"]], "applies to a preference model fitted to text of any length"),
        ];
        foreach (var (args, message) in cases)
        {
            var before = Directory.GetFileSystemEntries(_dir.Path).Order().ToArray();
            var result = RebelProcess.Run(_dir.Path, args);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: {result.Stderr}");
            var stderr = result.Stderr.TrimEnd('\n');
            Assert.DoesNotContain('\n', stderr);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.Equal(before, Directory.GetFileSystemEntries(_dir.Path).Order().ToArray());
        }
    }
}
