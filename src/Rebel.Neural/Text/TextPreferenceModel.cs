using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Neural.Preference;
using Rebel.Torch;

namespace Rebel.Neural.Text;

/// <summary>
/// A <see cref="NeuralGpm"/> fitted to text pairs that scores any text (<see cref="TextGpmFit.FitAnyText"/>), read
/// from its <c>rebel-text-gpm/1</c> file (<see cref="TextModelFile"/>): a response is tokenized by the model's own
/// tokenizer, cut to the model's length, and tokens that no response of the data had are read as one unknown id, so
/// <c>P(a ≻ b | x) = σ(v(x, a)ᵀ R v(x, b))</c> for any texts a, b after one of the data's prompts x.
/// </summary>
public sealed class TextPreferenceModel : IDisposable
{
    private readonly NeuralGpm _model;
    private readonly TextTokenizer _tokenizer;
    private readonly TextVocabulary _vocabulary;
    private readonly long[][] _prompts;

    private TextPreferenceModel(TextModelSpec spec, NeuralGpm model, TextTokenizer tokenizer, TextVocabulary vocabulary)
    {
        Spec = spec;
        _model = model;
        _tokenizer = tokenizer;
        _vocabulary = vocabulary;
        _prompts = spec.Prompts.Select(p => vocabulary.Prompt(tokenizer.Encode(p), model.Length - spec.Length)).ToArray();
    }

    /// <summary>What the file says: prompts, weights, tokenizer, length.</summary>
    public TextModelSpec Spec { get; }

    /// <summary>Loads the model that <paramref name="path"/> describes onto <paramref name="device"/>.</summary>
    /// <exception cref="GameValidationException">The file, its vocabulary or its weights are invalid or do not match one another (one line naming the file).</exception>
    public static TextPreferenceModel Load(string path, Device device)
    {
        var spec = TextModelFile.Read(path);
        TextVocabulary vocabulary;
        TextTokenizer tokenizer;
        try
        {
            vocabulary = TextVocabulary.Load(spec.VocabularyFile);
            tokenizer = TextTokenizer.Load(spec.Tokenizer);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or FileNotFoundException or IOException)
        {
            throw new GameValidationException($"{path}: {e.Message.Split('\n')[0]}");
        }
        if (vocabulary.Tokenizer != spec.Tokenizer)
            throw new GameValidationException($"{path}: the vocabulary {spec.VocabularyFile} is of the tokenizer '{vocabulary.Tokenizer}', the model's is '{spec.Tokenizer}'");
        NeuralGpm model;
        try { model = NeuralGpm.Load(spec.WeightsFile, device); }
        catch (InvalidDataException e) { throw new GameValidationException($"{path}: {e.Message.Split('\n')[0]}"); }
        // The unknown id is the one past the vocabulary's (TextVocabulary.AnyResponse).
        if (model.Vocab != vocabulary.Size + 1 || model.Length <= spec.Length)
        {
            model.Dispose();
            throw new GameValidationException($"{path}: the weights {spec.WeightsFile} read {model.Vocab} ids and {model.Length} positions; the vocabulary has {vocabulary.Size} ids plus the unknown one and responses {spec.Length} tokens after the prompt");
        }
        try
        {
            return new TextPreferenceModel(spec, model, tokenizer, vocabulary);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            model.Dispose();
            throw new GameValidationException($"{path}: a prompt does not fit the model ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>Writes <c>P(a[k] ≻ b[k] | x)</c> of the prompt <paramref name="prompt"/> (an index into <see cref="TextModelSpec.Prompts"/>) into <paramref name="result"/>, in one batch.</summary>
    public void Probabilities(int prompt, IReadOnlyList<string> a, IReadOnlyList<string> b, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.Count;
        if (n == 0) return;
        float[] scores;
        using (Torch.Torch.NoGrad())
        using (new DisposeScope())
        {
            var left = _model.Embed(Inputs(prompt, a));
            var right = _model.Embed(Inputs(prompt, b));
            // Antisymmetrised, as NeuralGpmFit.Preference: P(a ≻ b) + P(b ≻ a) = 1 and P(a ≻ a) = 1/2 exactly.
            scores = ((_model.Score(left, right) - _model.Score(right, left)) * 0.5).To(Device.Cpu).ToArray<float>();
        }
        for (var k = 0; k < n; k++) result[k] = 1 / (1 + Math.Exp(-scores[k]));
    }

    private Tensor Inputs(int prompt, IReadOnlyList<string> texts)
    {
        var rows = texts.Select(t => _prompts[prompt].Concat(_vocabulary.AnyResponse(t.Length > 0 ? _tokenizer.Encode(t) : [], Spec.Length))).SelectMany(r => r).ToArray();
        return Tensor.FromArray(rows, texts.Count, _model.Length).To(_model.Device);
    }

    /// <summary>Releases the model's native memory.</summary>
    public void Dispose() => _model.Dispose();
}
