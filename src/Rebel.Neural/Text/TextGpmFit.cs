using System.Globalization;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Neural.Preference;
using Rebel.Torch;

namespace Rebel.Neural.Text;

/// <summary>
/// Fits a <see cref="NeuralGpm"/> to text pairs over token ids (<c>rebel fit-pref --model neural-gpm --tokenizer</c>):
/// texts are tokenized, the ids compacted (<see cref="TextVocabulary"/>), a response becomes its ids end-padded to the
/// longest response's length L, and the model scores the prompt followed by the response, so
/// <c>P(a ≻ b | x) = σ(v(x, a)ᵀ R v(x, b))</c>. It is then evaluated on every token sequence of length L over the
/// V = R + 1 response ids, for every prompt, giving an enumerable sequence game of one context per prompt (named by
/// its text, weighted by its number of comparisons) that <c>--policy neural --tokenizer</c> plays. Tokens after a
/// sequence's first end token are read as end tokens, so the preference depends on the text only.
/// </summary>
public static class TextGpmFit
{
    /// <summary>The fitted model, the game over every response sequence and prompt, the vocabulary, and the final training loss.</summary>
    /// <exception cref="GameValidationException">A prompt or response does not fit the context or length, or V^L is too large to enumerate (the message names the file and line).</exception>
    public static (NeuralGpm Model, SequenceGame Game, TextVocabulary Vocabulary, double Loss) Fit(
        IReadOnlyList<TextComparison> data, TextTokenizer tokenizer, string name, NeuralGpmOptions options)
    {
        var d = Prepare(data, tokenizer, options);
        var vocab = d.Vocabulary.ResponseVocab;
        if (!Enumerates(d))
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                $"{data[0].Where[..Math.Max(0, data[0].Where.LastIndexOf(':'))]}: responses of up to {d.Length} tokens over {vocab} ids (the {vocab - 1} that occur and the end token) make {vocab}^{d.Length} sequences per prompt, more than the {SequenceMajority.MaxResponses} a game enumerates"));
        var (model, loss) = Train(d, data, options, d.Vocabulary.Size);
        var space = new SequenceSpace(vocab, d.Length);
        var responses = Enumerable.Range(0, space.Count).Select(i => Canonical(space.Tokens(i))).ToArray();
        var names = Enumerable.Range(0, space.Count).Select(space.Name).ToArray();
        var contexts = d.Prompts.Select(p => new GameContext(p, data.Count(c => c.Prompt == p), names,
            NeuralGpmFit.Preference(model, responses.Select(r => d.Input(p, r)).ToArray()))).ToArray();
        return (model, new SequenceGame(new TabularGame(name, contexts), space), d.Vocabulary, loss);
    }

    /// <summary>
    /// Whether <see cref="Fit"/> can enumerate the data's responses into a game (V^L at most
    /// <see cref="SequenceMajority.MaxResponses"/>); otherwise <see cref="FitAnyText"/> fits a model of any text.
    /// </summary>
    /// <exception cref="GameValidationException">A prompt or response does not fit the context or length.</exception>
    public static bool Enumerates(IReadOnlyList<TextComparison> data, TextTokenizer tokenizer, NeuralGpmOptions options) =>
        Enumerates(Prepare(data, tokenizer, options));

    /// <summary>
    /// The fitted model of any text, with no game built: the vocabulary holds one more id, <see cref="TextVocabulary.Size"/>,
    /// that every token not in the data's responses is read as, and a response is scored on its first
    /// <c>Length</c> tokens (<see cref="TextPreferenceModel"/>). Returns the model, the vocabulary, the response length
    /// L and the final training loss.
    /// </summary>
    /// <exception cref="GameValidationException">A prompt or response does not fit the context or length.</exception>
    public static (NeuralGpm Model, TextVocabulary Vocabulary, int Length, double Loss) FitAnyText(
        IReadOnlyList<TextComparison> data, TextTokenizer tokenizer, NeuralGpmOptions options)
    {
        var d = Prepare(data, tokenizer, options);
        var (model, loss) = Train(d, data, options, d.Vocabulary.Size + 1);
        return (model, d.Vocabulary, d.Length, loss);
    }

    private static bool Enumerates(Prepared d) => Math.Pow(d.Vocabulary.ResponseVocab, d.Length) <= SequenceMajority.MaxResponses;

    // The data tokenized and checked against the length and context, before any model exists.
    private sealed record Prepared(string[] Prompts, Dictionary<string, int[]> PromptIds, int[][] A, int[][] B, int Length, int Context, TextVocabulary Vocabulary)
    {
        public long[] Input(string prompt, long[] response) => Vocabulary.Prompt(PromptIds[prompt], Context - Length).Concat(response).ToArray();
    }

    private static Prepared Prepare(IReadOnlyList<TextComparison> data, TextTokenizer tokenizer, NeuralGpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Count == 0) throw new GameValidationException("neural-gpm: no text comparisons");
        var prompts = data.Select(d => d.Prompt).Distinct().ToArray();
        var promptIds = prompts.ToDictionary(p => p, tokenizer.Encode, StringComparer.Ordinal);
        var a = data.Select(d => tokenizer.Encode(d.A)).ToArray();
        var b = data.Select(d => tokenizer.Encode(d.B)).ToArray();
        var length = options.MaxLength > 0 ? options.MaxLength : a.Concat(b).Max(t => t.Length);
        for (var i = 0; i < data.Count; i++)
            if (Math.Max(a[i].Length, b[i].Length) > length)
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{data[i].Where}: a response has {Math.Max(a[i].Length, b[i].Length)} tokens, more than MaxLength {length}"));
        var promptLength = promptIds.Values.Max(p => p.Length);
        var context = options.Context > 0 ? options.Context : promptLength + length;
        if (data.FirstOrDefault(d => promptIds[d.Prompt].Length + length > context) is { } tooLong)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                $"{tooLong.Where}: the prompt has {promptIds[tooLong.Prompt].Length} tokens; with responses of {length} it exceeds the model's context of {context} (Context)"));
        return new Prepared(prompts, promptIds, a, b, length, context, TextVocabulary.Of(tokenizer.Spec, a.Concat(b), promptIds.Values));
    }

    // The model over `vocab` ids, initialised from the options' seed and fitted to the pairs.
    private static (NeuralGpm Model, double Loss) Train(Prepared d, IReadOnlyList<TextComparison> data, NeuralGpmOptions options, int vocab)
    {
        var left = data.Select((c, i) => d.Input(c.Prompt, d.Vocabulary.Response(d.A[i], d.Length))).ToArray();
        var right = data.Select((c, i) => d.Input(c.Prompt, d.Vocabulary.Response(d.B[i], d.Length))).ToArray();
        var device = DeviceOption.Resolve<NeuralGpmOptions>(options.Device);
        NeuralGpm model;
        using (var init = new Generator(options.Seed)) model = new NeuralGpm(vocab, d.Context, options.Width, options.Dimension, init, device);
        return (model, NeuralGpmFit.Train(model, left, right, data.Select(c => (float)c.P).ToArray(), options));
    }

    // The sequence read up to its first end token, end-padded: what the text of the sequence is.
    private static long[] Canonical(int[] tokens)
    {
        var result = new long[tokens.Length];
        for (var i = 0; i < tokens.Length && tokens[i] != 0; i++) result[i] = tokens[i];
        return result;
    }
}
