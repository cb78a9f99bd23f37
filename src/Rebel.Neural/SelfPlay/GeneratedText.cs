using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Games.Sequence;
using Rebel.Neural.Text;
using Rebel.Preference;
using Rebel.Preference.Objectives;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural.SelfPlay;

/// <summary>
/// Neural self-play whose responses are generated (<c>--policy neural --model DIR</c> with a <c>--pref-model</c> fitted to
/// text of any length): the policy and π_ref are the Hugging Face GPT-2 in DIR over its own token ids, the prompts are
/// the model's prompts in that tokenizer, a response's text is its tokens up to the first end-of-text token, and the
/// fitted model judges pairs of texts through a <see cref="GeneratedTextOracle"/> (each ordered pair asked once).
/// </summary>
internal static class GeneratedText
{
    /// <summary>
    /// What a run on generated text and its pool game share: the prompts in the model's token ids (shorter ones
    /// left-padded with the end token), the oracle over token sequences (a response's text is its tokens up to the first
    /// end token), what must be released with it (the fitted model or the judge process), the initial weights, and the
    /// data's responses to each prompt as <see cref="NeuralSelfPlayOptions.MaxTokens"/> tokens padded with the end
    /// token (those longer are left out).
    /// </summary>
    internal sealed record TextRun(PromptSet Prompts, ISequenceOracle Oracle, IDisposable Owned, Func<TransformerPolicy> Initial, Func<ReadOnlySpan<long>, string> Text,
        IReadOnlyList<long[]>[] Data, int End, string Directory, string JudgeName);

    /// <summary>The run; every refusal is one line naming the option or the file.</summary>
    /// <exception cref="ArgumentException">No model directory or no text model, a directory without weights or end token, an empty prompt, a tokenizer whose ids the model does not have.</exception>
    public static NeuralSelfPlay Create(string name, AlgorithmSetup setup, SelfPlayObjective objective, int samplesPerPrompt, NeuralSelfPlayOptions options, Device device)
    {
        var task = Open(setup.Game, options, device);
        try
        {
            return new NeuralSelfPlay(name, setup.Game, objective, samplesPerPrompt, options, setup.Seed, setup.Iterations, task.Prompts, task.Initial, task.Oracle, setup.Shared)
            {
                ExportModel = (policy, target) => Export(policy, target, task.End, task.Directory),
                Owned = task.Owned,
                PoolData = task.Data,
            };
        }
        catch
        {
            task.Owned.Dispose();
            throw;
        }
    }

    /// <summary>Reads the model directory, the tokenizer and the preference model or judge of <paramref name="game"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Create"/>.</exception>
    public static TextRun Open(TabularGame game, NeuralSelfPlayOptions options, Device device)
    {
        var judgeSpec = game.Judge is { Generated: true } generatedJudge ? generatedJudge : null;
        string? textModel = game.TextModel;
        if (textModel is null && judgeSpec is null)
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Model), options.Model,
                "applies to a preference model fitted to text of any length (the rebel-text-gpm/1 file fit-pref --model neural-gpm --tokenizer writes) or a judge of generated responses, whose responses are generated");
        string judgeName = textModel ?? judgeSpec!.Describe();
        if (options.Model is not { } dir)
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Model), null,
                $"the preference model {judgeName} judges generated text: give the policy's initial weights as a Hugging Face GPT-2 directory");
        if (!System.IO.Directory.Exists(dir))
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Model), dir, "no such directory");
        TransformerConfig config;
        int end;
        TextTokenizer tokenizer;
        IReadOnlyList<IReadOnlyList<string>>? dataResponses;
        try
        {
            (config, var endToken) = HuggingFaceGpt2.ReadConfig(dir);
            HuggingFaceGpt2.WeightsPath(dir);
            end = endToken ?? throw new InvalidDataException($"{Path.Combine(dir, "config.json")}: no eos_token_id (a generated response ends at the end-of-text token)");
            tokenizer = options.Tokenizer is { } spec ? TextTokenizer.Load(spec)
                : TextTokenizer.FromModelDirectory(dir) ?? throw new InvalidDataException($"{dir}: no vocab.json and merges.txt; name the tokenizer with --tokenizer (gpt2 is built in)");
            dataResponses = textModel is null ? null : TextModelFile.Read(textModel).Responses;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or FileNotFoundException or GameValidationException)
        {
            throw new ArgumentException(e.Message.Split('\n')[0], e);
        }
        int[] Encode(string text, string what)
        {
            var ids = text.Length > 0 ? tokenizer.Encode(text) : [];
            if (ids.FirstOrDefault(id => id >= config.Vocab, -1) is var bad and >= 0)
                throw new ArgumentException($"Tokenizer {tokenizer.Spec}: {what} '{text}' has token id {bad}, past the vocab_size {config.Vocab} of {dir} (a tokenizer of another model?)");
            return ids;
        }
        var prompts = new long[game.Contexts.Count][];
        var data = new IReadOnlyList<long[]>[prompts.Length];
        for (var c = 0; c < prompts.Length; c++)
        {
            // A fitted model's contexts are named by their prompts; a judge's contexts carry theirs.
            var text = judgeSpec?.Contexts[c].Prompt ?? game.Contexts[c].Name;
            var ids = Encode(text, "the prompt");
            if (ids.Length == 0)
                throw new ArgumentException($"{judgeName}: prompt {c} is empty text");
            prompts[c] = ids.Select(i => (long)i).ToArray();
            // The data's answers as the policy would write them: their tokens, then end tokens up to the response length.
            data[c] = (dataResponses?[c] ?? []).Select(r => Encode(r, "the data's response")).Where(r => r.Length <= options.MaxTokens)
                .Select(r => r.Select(i => (long)i).Concat(Enumerable.Repeat((long)end, options.MaxTokens - r.Length)).ToArray()).ToArray();
        }
        var promptSet = new PromptSet(prompts, game.Contexts.Select(c => c.Weight).ToArray(), end);
        string Text(ReadOnlySpan<long> tokens)
        {
            var ids = new List<int>(tokens.Length);
            foreach (var t in tokens)
            {
                if (t == end) break;
                ids.Add(checked((int)t));
            }
            return tokenizer.Decode(ids);
        }
        var (oracle, judge) = Oracle(textModel, judgeSpec, device, Text);
        return new TextRun(promptSet, oracle, judge, () => HuggingFaceGpt2.Load(dir, device), Text, data, end, dir, judgeName);
    }

    /// <summary>The oracle of generated texts and what the run stops with it: the fitted model, or the judge process.</summary>
    private static (GeneratedTextOracle Oracle, IDisposable Owned) Oracle(string? textModel, JudgeSpec? judgeSpec, Device device, Func<ReadOnlySpan<long>, string> text)
    {
        if (judgeSpec is not null)
        {
            var process = new JudgeProcess(judgeSpec);
            return (new GeneratedTextOracle(judgeSpec.Contexts.Count, (c, a, b, result) => process.AskTexts(c, a, b, result), text), process);
        }
        TextPreferenceModel model;
        try { model = TextPreferenceModel.Load(textModel!, device); }
        catch (GameValidationException e) { throw new ArgumentException(e.Message, e); }
        return (GeneratedTextOracle.Of(model, text), model);
    }

    // The run's policy as a Hugging Face directory, with the initial directory's tokenizer files so generate reads it alone.
    private static void Export(TransformerPolicy policy, string target, int end, string initial)
    {
        HuggingFaceGpt2.Save(policy, target, end);
        foreach (var file in new[] { "vocab.json", "merges.txt" })
            if (File.Exists(Path.Combine(initial, file)))
            {
                var bytes = File.ReadAllBytes(Path.Combine(initial, file));
                AtomicFile.Write(Path.Combine(target, file), s => s.Write(bytes));
            }
    }
}
