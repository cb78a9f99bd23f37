using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Terminal;
using Rebel.Neural.Text;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel generate</c>: the continuation of a prompt by a Hugging Face GPT-2 directory (a downloaded model or a run's weights).</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new GenerationOptions();
        var model = new Option<string>("--model") { Description = "a Hugging Face GPT-2 directory: config.json, model.safetensors and (unless --tokenizer) vocab.json + merges.txt", Required = true, HelpName = "dir" };
        var prompt = new Option<string>("--prompt") { Description = "the text to continue (empty: generation starts from the end-of-text token)", Required = true, HelpName = "text" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "most tokens generated (the end-of-text token, eos_token_id, stops earlier)", DefaultValueFactory = _ => defaults.MaxTokens, HelpName = "n" };
        var greedy = new Option<bool>("--greedy") { Description = "the most likely token at every step (excludes --temperature, --top-k and --top-p)" };
        var temperature = new Option<double>("--temperature") { Description = "divide the logits by t before sampling", DefaultValueFactory = _ => defaults.Temperature, HelpName = "t" };
        var topK = new Option<int>("--top-k") { Description = "sample among the k most likely tokens (0: all)", DefaultValueFactory = _ => defaults.TopK, HelpName = "k" };
        var topP = new Option<double>("--top-p") { Description = "nucleus sampling: among the fewest most likely tokens of total probability p", DefaultValueFactory = _ => defaults.TopP, HelpName = "p" };
        var samples = new Option<int>("--samples") { Description = "continuations drawn (one batch)", DefaultValueFactory = _ => 1, HelpName = "n" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the draws; the output is reproducible from it [default: 0]", CustomParser = SeedArgument.Parse };
        var tokenizer = new Option<string>("--tokenizer") { Description = "gpt2 (built in), a tiktoken file, or vocab.json,merges.txt [default: the model directory's vocab.json + merges.txt]", HelpName = "spec" };
        var format = new Option<string>("--format") { Description = "text (the continuation) or json (one object per sample: prompt_ids, ids, text, logprobs)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var device = new Option<string>("--device") { Description = "libtorch device: auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var command = new Command("generate", "Continue a prompt with a Hugging Face GPT-2 directory (key/value-cached sampling).")
        {
            model, prompt, maxTokens, greedy, temperature, topK, topP, samples, seed, tokenizer, format, device,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(greedy) && (parse.GetResult(temperature) is { Implicit: false } || parse.GetResult(topK) is { Implicit: false } || parse.GetResult(topP) is { Implicit: false }))
                throw new UsageException("--greedy excludes --temperature, --top-k and --top-p");
            if (parse.GetValue(samples) < 1)
                throw new UsageException($"--samples: {parse.GetValue(samples)} must be ≥ 1");
            var dir = parse.GetValue(model)!;
            if (!Directory.Exists(dir))
                throw new UsageException($"--model {dir}: no such directory");
            var (config, endToken) = HuggingFaceGpt2.ReadConfig(dir);
            HuggingFaceGpt2.WeightsPath(dir);
            var text = TokenizerFor(dir, parse.GetValue(tokenizer));
            var options = new GenerationOptions(parse.GetValue(maxTokens), parse.GetValue(greedy) ? 0 : parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(topP), endToken);
            Checked(() => options.Validate(config.Vocab));
            var promptIds = PromptIds(text, parse.GetValue(prompt)!, endToken, config);
            if (promptIds.Length + options.MaxTokens - 1 > config.Context)
                throw new UsageException($"--prompt: its {promptIds.Length} tokens and --max-tokens {options.MaxTokens} exceed the model's n_positions {config.Context}");

            using var policy = HuggingFaceGpt2.Load(dir, Device.Resolve(parse.GetValue(device)!));
            using var scope = new DisposeScope();
            using var generator = new Generator(parse.GetValue(seed), policy.Device.Type == DeviceType.Cpu ? null : policy.Device);
            var rows = parse.GetValue(samples);
            var batch = Tensor.FromArray(Enumerable.Repeat(promptIds, rows).SelectMany(p => p).Select(i => (long)i).ToArray(), rows, promptIds.Length).To(policy.Device);
            var generated = policy.Generate(batch, options, generator);
            for (var r = 0; r < rows; r++)
            {
                var ids = generated.Response(r);
                var continuation = text.Decode(ids.Where(id => id != endToken).Select(id => (int)id));
                if (parse.GetValue(format) == "text")
                {
                    Console.WriteLine(continuation);
                    continue;
                }
                Console.WriteLine(new JsonObject
                {
                    ["prompt_ids"] = new JsonArray(promptIds.Select(id => (JsonNode)id).ToArray()),
                    ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
                    ["text"] = continuation,
                    ["logprobs"] = new JsonArray(generated.ResponseLogProbs(r).Select(lp => (JsonNode)(double)lp).ToArray()),
                }.ToJsonString());
            }
            return 0;
        });
        return command;
    }

    /// <summary>--tokenizer, else the directory's own vocab.json + merges.txt; a model directory without either is a usage error.</summary>
    private static TextTokenizer TokenizerFor(string dir, string? spec) =>
        spec is not null ? TextTokenizer.Load(spec)
        : TextTokenizer.FromModelDirectory(dir) ?? throw new UsageException($"--model {dir}: no vocab.json and merges.txt; name a tokenizer with --tokenizer (gpt2 is built in)");

    // GPT-2 reads at least one token: an empty prompt is the end-of-text token, as Hugging Face starts from its BOS.
    private static int[] PromptIds(TextTokenizer tokenizer, string prompt, int? endToken, TransformerConfig config)
    {
        var ids = prompt.Length > 0 ? tokenizer.Encode(prompt)
            : endToken is { } end ? [end] : throw new UsageException("--prompt: empty, and the model's config.json has no eos_token_id to start from");
        if (ids.FirstOrDefault(id => id >= config.Vocab, -1) is var bad and >= 0)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--tokenizer {tokenizer.Spec}: the prompt's token id {bad} is past the model's vocab_size {config.Vocab} (a tokenizer of another model?)"));
        return ids;
    }

    // GenerationOptions names a refused value by its property (ParamName); the flag is its kebab-case form.
    private static void Checked(Action validate)
    {
        try { validate(); }
        catch (ArgumentException e) when (e.ParamName is { } property)
        {
            var flag = "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            throw new UsageException($"{flag}: {GenerationOptions.Problem(e)}");
        }
    }
}
