using System.Text.Json.Nodes;
using Rebel.Cli.Tests.Utils;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Neural.Text;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;

namespace Rebel.Cli.Tests.Neural;

/// <summary><c>rebel generate</c> on Hugging Face GPT-2 directories with random weights: its output, its seed, its tokenizers and its refusals.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private const int EndOfText = 50256;
    private readonly TempDirectory _dir = new();

    public GenerateCommandTests() => NativeShim.Ensure();

    public void Dispose() => _dir.Dispose();

    // A GPT-2-shaped model over GPT-2's 50,257 ids, small enough to write in a test (d = 8, 1 layer).
    private string Gpt2Sized(string name, int vocab = 50257, int context = 16)
    {
        using var g = new Generator(1);
        using var policy = new TransformerPolicy(new TransformerConfig(vocab, context, 8, 1, 2, TransformerConfig.GeluNew, 1e-5), g, Device.Cpu);
        HuggingFaceGpt2.Save(policy, _dir[name], endToken: vocab - 1);
        return _dir[name];
    }

    private JsonNode[] Json(params string[] args)
    {
        var run = RebelProcess.Run(_dir.Path, ["generate", .. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
    }

    [Fact]
    public void JsonGivesThePromptIdsTheGeneratedIdsTheirTextAndLogProbsReproduciblyFromTheSeed()
    {
        var model = Gpt2Sized("m");
        string[] args = ["--model", model, "--tokenizer", "gpt2", "--prompt", "Rock, paper,", "--max-tokens", "6", "--samples", "3"];
        var first = Json([.. args, "--seed", "4"]);
        Assert.Equal(3, first.Length);
        var gpt2 = TextTokenizer.Load("gpt2");
        foreach (var sample in first)
        {
            Assert.Equal(gpt2.Encode("Rock, paper,"), sample["prompt_ids"]!.AsArray().Select(v => (int)v!));
            var ids = sample["ids"]!.AsArray().Select(v => (int)v!).ToArray();
            var logProbs = sample["logprobs"]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.InRange(ids.Length, 1, 6);
            Assert.Equal(ids.Length, logProbs.Length);
            Assert.All(logProbs, lp => Assert.InRange(lp, double.NegativeInfinity, 0));
            Assert.Equal(gpt2.Decode(ids.Where(id => id != EndOfText)), (string)sample["text"]!);
        }
        Assert.Equal(first.Select(s => s.ToJsonString()), Json([.. args, "--seed", "4"]).Select(s => s.ToJsonString()));
        Assert.NotEqual(first.Select(s => s.ToJsonString()), Json([.. args, "--seed", "5"]).Select(s => s.ToJsonString()));
        // Greedy rows are one path, whatever the seed.
        var greedy = Json([.. args, "--greedy"]);
        Assert.Single(greedy.Select(s => s["ids"]!.ToJsonString()).Distinct());
    }

    [Fact]
    public void TheModelDirectorysOwnVocabJsonAndMergesTxtTokenizeThePrompt()
    {
        var model = Gpt2Sized("own", vocab: 258);
        NeuralData.WriteToyBpe(model);
        var sample = Json("--model", model, "--prompt", "a t", "--max-tokens", "2")[0];
        Assert.Equal([(int)'a', 256], sample["prompt_ids"]!.AsArray().Select(v => (int)v!));
    }

    [Theory]
    [InlineData("--greedy --temperature 0.5", "rebel: --greedy excludes --temperature, --top-k and --top-p")]
    [InlineData("--top-p 0", "rebel: --top-p: 0 must be in (0, 1]")]
    [InlineData("--max-tokens 0", "rebel: --max-tokens: 0 must be ≥ 1")]
    [InlineData("--max-tokens 14", "rebel: --prompt: its 4 tokens and --max-tokens 14 exceed the model's n_positions 16")]
    public void BadOptionsAreOneLineAndExitTwo(string flags, string message)
    {
        var model = Gpt2Sized("m");
        var run = RebelProcess.Run(_dir.Path, ["generate", "--model", model, "--tokenizer", "gpt2", "--prompt", "Rock, paper,", .. flags.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal([message], run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AMissingTokenizerOrWeightsOrAMismatchedVocabularyIsOneLineAndExitTwo()
    {
        var small = Gpt2Sized("small", vocab: 100);
        string Fails(params string[] args)
        {
            var run = RebelProcess.Run(_dir.Path, ["generate", .. args]);
            Assert.Equal(2, run.ExitCode);
            var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            return lines[0];
        }
        Assert.Equal($"rebel: --model {small}: no vocab.json and merges.txt; name a tokenizer with --tokenizer (gpt2 is built in)", Fails("--model", small, "--prompt", "hi"));
        Assert.StartsWith("rebel: --tokenizer gpt2: the prompt's token id ", Fails("--model", small, "--prompt", "Rock, paper, scissors", "--tokenizer", "gpt2"));
        Assert.Equal($"rebel: --model {_dir["none"]}: no such directory", Fails("--model", _dir["none"], "--prompt", "hi"));
        File.Delete(Path.Combine(small, "model.safetensors"));
        Assert.Equal($"rebel: {Path.Combine(small, "model.safetensors")}: no such file (the model's weights)", Fails("--model", small, "--prompt", "a", "--tokenizer", "gpt2"));
    }
}
