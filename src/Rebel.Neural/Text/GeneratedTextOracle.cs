using Rebel.Games.Randomness;
using Rebel.Preference;
using Rebel.Preference.Oracles;

namespace Rebel.Neural.Text;

/// <summary>
/// An <see cref="IPreferenceOracle"/> over responses that are generated, not listed: each distinct text a context
/// meets is given the next index (<see cref="Index(int, string)"/>, or of a token sequence through its decoder), so
/// <see cref="ResponseCount"/> is the number of texts seen so far, and pairs of indices are answered by a rule on the
/// texts (a <see cref="TextPreferenceModel"/>, a judge) in one call per batch. Every ordered pair is asked once and
/// remembered (repeated pairs are free); Bernoulli outcomes are drawn from the remembered probabilities with the
/// caller's generator. Its matrix is never enumerated (<see cref="Enumerable"/> false).
/// </summary>
public sealed class GeneratedTextOracle : ISequenceOracle
{
    private readonly Action<int, IReadOnlyList<string>, IReadOnlyList<string>, Span<double>> _rule;
    private readonly Func<ReadOnlySpan<long>, string> _decode;
    private readonly List<string>[] _texts;
    private readonly Dictionary<string, int>[] _index;
    private readonly Dictionary<(int, int), double>[] _cache;

    /// <summary>
    /// The oracle of <paramref name="contexts"/> contexts whose texts <paramref name="rule"/> judges:
    /// <c>rule(context, a, b, P(a[k] ≻ b[k]))</c>; <paramref name="decode"/> reads a response's tokens as its text
    /// (<see cref="Index(int, ReadOnlySpan{long})"/>).
    /// </summary>
    public GeneratedTextOracle(int contexts, Action<int, IReadOnlyList<string>, IReadOnlyList<string>, Span<double>> rule, Func<ReadOnlySpan<long>, string> decode)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(decode);
        _rule = rule;
        _decode = decode;
        _texts = System.Linq.Enumerable.Range(0, contexts).Select(_ => new List<string>()).ToArray();
        _index = System.Linq.Enumerable.Range(0, contexts).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _cache = System.Linq.Enumerable.Range(0, contexts).Select(_ => new Dictionary<(int, int), double>()).ToArray();
    }

    /// <summary>The oracle of a fitted text model (<paramref name="model"/>'s prompts are the contexts), its responses' tokens read by <paramref name="decode"/>.</summary>
    public static GeneratedTextOracle Of(TextPreferenceModel model, Func<ReadOnlySpan<long>, string> decode)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Spec.Prompts.Count, model.Probabilities, decode);
    }

    /// <inheritdoc/>
    public int Index(int context, ReadOnlySpan<long> response) => Index(context, _decode(response));

    /// <summary>The index of <paramref name="text"/> in context <paramref name="context"/>, given it when first seen.</summary>
    public int Index(int context, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_index[context].TryGetValue(text, out var i))
        {
            _index[context][text] = i = _texts[context].Count;
            _texts[context].Add(text);
        }
        return i;
    }

    /// <summary>The text of response <paramref name="response"/> of context <paramref name="context"/>.</summary>
    public string Text(int context, int response) => _texts[context][response];

    /// <inheritdoc/>
    public int ContextCount => _texts.Length;

    /// <inheritdoc/>
    public int ResponseCount(int context) => _texts[context].Count;

    /// <inheritdoc/>
    public bool Enumerable => false;

    /// <inheritdoc/>
    public long Queries { get; set; }

    /// <summary>Ordered pairs passed on to the rule (those not asked before).</summary>
    public long Misses { get; private set; }

    /// <inheritdoc/>
    public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("the pair lists and the result must have the same length");
        var cache = _cache[context];
        var missing = new List<int>();
        var seen = new HashSet<(int, int)>();
        for (var k = 0; k < a.Length; k++)
            if (a[k] == b[k]) result[k] = 0.5;
            else if (cache.TryGetValue((a[k], b[k]), out var p)) result[k] = p;
            else if (seen.Add((a[k], b[k]))) missing.Add(k);
        if (missing.Count > 0)
        {
            var answer = new double[missing.Count];
            var texts = _texts[context];
            var (aa, bb) = (a.ToArray(), b.ToArray());
            _rule(context, missing.Select(k => texts[aa[k]]).ToArray(), missing.Select(k => texts[bb[k]]).ToArray(), answer);
            for (var m = 0; m < missing.Count; m++)
            {
                if (!(answer[m] is >= 0 and <= 1))
                    throw new InvalidOperationException($"the text preference answered {answer[m]} for a pair of context {context}, not a probability");
                cache[(aa[missing[m]], bb[missing[m]])] = answer[m];
            }
            Misses += missing.Count;
            for (var k = 0; k < a.Length; k++)
                if (a[k] != b[k]) result[k] = cache[(a[k], b[k])];
        }
        Queries += a.Length;
    }

    /// <inheritdoc/>
    public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, FeedbackKind kind, SeededRandom random, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(random);
        Probabilities(context, a, b, result);
        BernoulliFeedback.Apply(kind, random, result[..a.Length]);
    }
}
