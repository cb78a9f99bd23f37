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
        var vocabulary = TextVocabulary.Of(tokenizer.Spec, a.Concat(b), promptIds.Values);
        var vocab = vocabulary.ResponseVocab;
        if (Math.Pow(vocab, length) > SequenceMajority.MaxResponses)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                $"{data[0].Where[..Math.Max(0, data[0].Where.LastIndexOf(':'))]}: responses of up to {length} tokens over {vocab} ids (the {vocab - 1} that occur and the end token) make {vocab}^{length} sequences per prompt, more than the {SequenceMajority.MaxResponses} a game enumerates"));

        var padded = context - length;
        long[] Input(string prompt, long[] response) => vocabulary.Prompt(promptIds[prompt], padded).Concat(response).ToArray();
        var left = data.Select((d, i) => Input(d.Prompt, vocabulary.Response(a[i], length))).ToArray();
        var right = data.Select((d, i) => Input(d.Prompt, vocabulary.Response(b[i], length))).ToArray();
        var device = DeviceOption.Resolve<NeuralGpmOptions>(options.Device);
        NeuralGpm model;
        using (var init = new Generator(options.Seed)) model = new NeuralGpm(vocabulary.Size, context, options.Width, options.Dimension, init, device);
        var loss = NeuralGpmFit.Train(model, left, right, data.Select(d => (float)d.P).ToArray(), options);

        var space = new SequenceSpace(vocab, length);
        var responses = Enumerable.Range(0, space.Count).Select(i => Canonical(space.Tokens(i))).ToArray();
        var names = Enumerable.Range(0, space.Count).Select(space.Name).ToArray();
        var contexts = prompts.Select(p => new GameContext(p, data.Count(d => d.Prompt == p), names,
            NeuralGpmFit.Preference(model, responses.Select(r => Input(p, r)).ToArray()))).ToArray();
        return (model, new SequenceGame(new TabularGame(name, contexts), space), vocabulary, loss);
    }

    // The sequence read up to its first end token, end-padded: what the text of the sequence is.
    private static long[] Canonical(int[] tokens)
    {
        var result = new long[tokens.Length];
        for (var i = 0; i < tokens.Length && tokens[i] != 0; i++) result[i] = tokens[i];
        return result;
    }
}
