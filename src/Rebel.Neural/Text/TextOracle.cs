namespace Rebel.Neural.Text;

/// <summary>
/// A preference oracle defined on text, for response sets too large to enumerate: compact response tokens are read up
/// to the end token, mapped to the tokenizer's ids (<see cref="TextVocabulary"/>), decoded, and judged by a rule on
/// the prompt's index and the two texts (e.g. <see cref="Games.Sequence.TextRps.Preference"/>).
/// </summary>
public static class TextOracle
{
    /// <summary>The oracle of <paramref name="contexts"/> prompts that decodes both responses and asks <paramref name="rule"/>; decoded texts are cached per token sequence.</summary>
    public static GeneratedTextOracle Of(int contexts, TextVocabulary vocabulary, TextTokenizer tokenizer, Func<int, string, string, double> rule)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(rule);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string Text(ReadOnlySpan<long> tokens)
        {
            var compact = new int[tokens.Length];
            for (var i = 0; i < tokens.Length; i++) compact[i] = checked((int)tokens[i]);
            var key = string.Join('.', compact);
            if (!texts.TryGetValue(key, out var text))
                texts[key] = text = tokenizer.Decode(vocabulary.TokenizerIds(compact));
            return text;
        }
        return new GeneratedTextOracle(contexts, (x, a, b, result) =>
        {
            for (var k = 0; k < a.Count; k++)
                result[k] = rule(x, a[k], b[k]);
        }, Text);
    }
}
