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
            (SelfPlay(pm, model, _dir["out"], "-T", "1", "--estimator", "importance-weighted", "--temperature", "0.7"), "--explore 0.3: reweights the draws by π_t/μ"),
            (SelfPlay(pm, model, _dir["out"], "-T", "1", "--estimator", "doubly-robust"), "--estimator doubly-robust: credits its control variate to every response"),
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

    [Fact]
    public void SolveOnAModelOfAnyTextSolvesThePoolOfTheDatasAnswersAndTheModelsSamples()
    {
        var pm = FitModel();
        var model = Gpt2("gpt2");
        // fit-pref records each prompt's distinct answers; the pool starts from those that fit in --max-tokens.
        var prompts = JsonDocument.Parse(File.ReadAllText(pm)).RootElement.GetProperty("prompts");
        var solved = RebelProcess.Run(_dir.Path, "solve", "--game", pm, "--model", model, "--tokenizer", "gpt2", "--device", "cpu",
            "--pool-samples", "3", "--max-tokens", "8", "--seed", "2", "--format", "json");
        Assert.True(solved.ExitCode == 0, solved.Stderr);
        var game = JsonDocument.Parse(solved.Stdout).RootElement;
        Assert.InRange(game.GetProperty("duality_gap").GetDouble(), 0, 1e-9);
        var contexts = game.GetProperty("contexts");
        Assert.Equal(prompts.GetArrayLength(), contexts.GetArrayLength());
        for (var x = 0; x < contexts.GetArrayLength(); x++)
        {
            var responses = contexts[x].GetProperty("responses").EnumerateArray().Select(r => r.GetString()).ToArray();
            var data = prompts[x].GetProperty("responses").EnumerateArray().Select(r => r.GetString()).ToArray();
            Assert.Equal(prompts[x].GetProperty("text").GetString(), contexts[x].GetProperty("name").GetString());
            // The answers are 4–7 tokens: every one is a candidate, first, followed by at most 3 samples of the model.
            Assert.NotEmpty(data);
            Assert.Equal(data, responses.Take(data.Length));
            Assert.InRange(responses.Length, data.Length, data.Length + 3);
            Assert.Equal(1, contexts[x].GetProperty("policy").EnumerateArray().Sum(p => p.GetDouble()), 1e-9);
        }
        // The same seed draws the same pool.
        var again = RebelProcess.Run(_dir.Path, "solve", "--game", pm, "--model", model, "--tokenizer", "gpt2", "--device", "cpu",
            "--pool-samples", "3", "--max-tokens", "8", "--seed", "2", "--format", "json");
        Assert.Equal(solved.Stdout, again.Stdout);

        (string[] Args, string Message)[] cases =
        [
            (["solve", "--game", pm], "its responses are generated, not listed; give --model DIR"),
            (["solve", "--game", "rps", "--pool-samples", "3"], "--pool-samples: applies with --model only"),
            (["solve", "--game", "rps", "--model", model], "--model: applies to a preference model or judge of generated text"),
            (["solve", "--game", pm, "--model", model, "--tokenizer", "gpt2", "--pool-samples", "0"], "--pool-samples 0: the pool needs ≥ 1 response"),
        ];
        foreach (var (args, message) in cases)
        {
            var result = RebelProcess.Run(_dir.Path, args);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: {result.Stderr}");
            Assert.DoesNotContain('\n', result.Stderr.TrimEnd('\n'));
            Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_judge_process_judges_the_texts_the_policy_generates()
    {
        // A judge of generated responses: it is sent each pair's texts (named for the request alone) after the prompt,
        // and prefers the text with more vowels; it logs what it was sent.
        File.WriteAllText(_dir["vowels.py"], """
            import json, sys
            log = open(sys.argv[1], "a")
            for line in sys.stdin:
                req = json.loads(line)
                log.write(line)
                log.flush()
                t = req["texts"]
                v = lambda name: sum(ch in "aeiou" for ch in t[name].lower())
                p = [0.5 if v(a) == v(b) else (0.8 if v(a) > v(b) else 0.2) for a, b in req["pairs"]]
                print(json.dumps({"id": req["id"], "p": p}), flush=True)
            """.Replace("\n            ", "\n", StringComparison.Ordinal));
        File.WriteAllText(_dir["judge.json"], JsonSerializer.Serialize(new
        {
            format = "rebel-judge/1",
            command = $"python3 vowels.py {_dir["requests.jsonl"]}",
            responses = "generated",
            contexts = new object[] { new { name = "dinner", prompt = "What should we cook tonight?" }, new { name = "trip", prompt = "Where shall we go?", weight = 2 } },
        }));
        var model = Gpt2("gpt2");
        string[] args = ["selfplay", "--policy", "neural", "--pref-model", _dir["judge.json"], "--trust-judge", "--model", model, "--tokenizer", "gpt2",
            "--device", "cpu", "--samples", "3", "--prompts", "2", "--batch", "2", "--max-tokens", "5", "--estimate-samples", "4", "--pool-samples", "2", "-T", "2", "--seed", "1"];

        var run = RebelProcess.Run(_dir.Path, [.. args, "--out", _dir["run"]]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var metrics = File.ReadAllLines(Path.Combine(_dir["run"], RunFiles.Metrics));
        Assert.Equal(2, metrics.Length);
        Assert.All(metrics, l => Assert.InRange(Field(l, "win_rate_ref_est"), 0, 1));
        var requests = File.ReadAllLines(_dir["requests.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.NotEmpty(requests);
        // A group's pairs go in one request (K = 3: three pairs), not one request per pair.
        Assert.Contains(requests, r => r.GetProperty("pairs").GetArrayLength() > 1);
        foreach (var request in requests)
        {
            string prompt = request.GetProperty("prompt").GetString()!;
            Assert.Contains(prompt, new[] { "What should we cook tonight?", "Where shall we go?" });
            var texts = request.GetProperty("texts");
            foreach (var pair in request.GetProperty("pairs").EnumerateArray())
                foreach (var name in pair.EnumerateArray())
                    Assert.True(texts.TryGetProperty(name.GetString()!, out _), $"{name} has no text in {request}");
        }
        // Each ordered pair of distinct texts is asked once in a run (the answers are kept).
        var asked = requests.SelectMany(r => r.GetProperty("pairs").EnumerateArray().Select(p =>
            (r.GetProperty("context").GetString(), r.GetProperty("texts").GetProperty(p[0].GetString()!).GetString(), r.GetProperty("texts").GetProperty(p[1].GetString()!).GetString()))).ToArray();
        Assert.Equal(asked.Length, asked.Distinct().Count());

        // The same run again gives the same metrics (the judge is deterministic, the run seeded).
        Assert.Equal(0, RebelProcess.Run(_dir.Path, [.. args, "--out", _dir["again"]]).ExitCode);
        Assert.Equal(Lines(Path.Combine(_dir["run"], RunFiles.Metrics)), Lines(Path.Combine(_dir["again"], RunFiles.Metrics)));

        // Only a neural policy that generates runs on it, and only with an initial model.
        var tabular = RebelProcess.Run(_dir.Path, "selfplay", "--pref-model", _dir["judge.json"], "--trust-judge", "-T", "2", "--out", _dir["tabular"]);
        Assert.Equal(2, tabular.ExitCode);
        Assert.Equal("rebel: --policy tabular: context 'dinner' of 'judge' has 1 responses and no stored matrix; only the neural policy runs on it", tabular.Stderr.TrimEnd());
        var noModel = RebelProcess.Run(_dir.Path, "selfplay", "--policy", "neural", "--pref-model", _dir["judge.json"], "--trust-judge", "--device", "cpu", "-T", "2", "--out", _dir["nomodel"]);
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("judges generated text: give the policy's initial weights as a Hugging Face GPT-2 directory", noModel.Stderr, StringComparison.Ordinal);
        Assert.Single(noModel.Stderr.TrimEnd().Split('\n'));
    }
}
