using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Zoo;

namespace Rebel.Games.Sequence;

/// <summary>
/// <c>text-rps</c>: a built-in text task whose preference is intransitive and defined on the text itself. A response
/// is up to L words from <see cref="Words"/> (<c>" rock"</c>, <c>" paper"</c>, <c>" scissors"</c>), ended by the end
/// token: as tokens, a sequence of length L over V = 4 ids (0 the end token, then the words in order), read up to its
/// first end token. Its <em>hand</em> is the word the text names most often (ties: the one named first); a text that
/// names none has no hand. Each prompt (context, named by its text, equal weights) is rock–paper–scissors with its
/// own margins, so the minimax winner differs by prompt: <c>P(a ≻ b | x) = 1/2 + m_x(hand a, hand b)/2</c>, and a
/// hand beats no hand with margin 1. GPT-2's tokenizer gives each word one token, so with <c>--tokenizer gpt2</c>
/// the ids 1–3 are a compact form of GPT-2's ids for the words and the prompts are GPT-2 tokens.
/// </summary>
public sealed class TextRps : IGameFamily
{
    /// <summary>The response words, token ids 1, 2, 3 (id 0 is the end token).</summary>
    public static IReadOnlyList<string> Words { get; } = [" rock", " paper", " scissors"];

    /// <summary>The prompts, in context order, with their margins (paper over rock, scissors over paper, rock over scissors).</summary>
    public static IReadOnlyList<(string Text, double[] Margins)> Prompts { get; } =
    [
        ("Rock, paper, scissors:", [1, 1, 1]),
        ("Rock, paper, scissors, where rock crushes scissors:", [1.0 / 3, 1.0 / 3, 1]),
        ("Rock, paper, scissors, where paper covers rock:", [1, 1.0 / 3, 1.0 / 3]),
    ];

    /// <inheritdoc/>
    public string Name => "text-rps";

    /// <inheritdoc/>
    public string Description => "text task: up to L words of rock/paper/scissors per response, the most named word's hand plays weighted RPS per prompt (intransitive)";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("length", "3", "most words per response L (4^L token sequences, at most 4096)"),
        new("prompts", "3", "number of prompts, 1 to 3"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec) => CreateSequenceGame(spec).Game;

    /// <summary>Builds the game together with the numbering of its token sequences.</summary>
    /// <exception cref="GameValidationException">A parameter is out of range.</exception>
    public SequenceGame CreateSequenceGame(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var length = spec.GetInt("length", 1, 6);
        var prompts = spec.GetInt("prompts", 1, Prompts.Count);
        var space = new SequenceSpace(Words.Count + 1, length);
        spec.EnsureFits(prompts * (double)space.Count * space.Count * sizeof(double), "prompts and length");
        var hands = new int[space.Count];
        var tokens = new int[length];
        for (var i = 0; i < space.Count; i++)
        {
            space.Tokens(i, tokens);
            hands[i] = Hand(Text(tokens));
        }
        var names = Enumerable.Range(0, space.Count).Select(space.Name).ToArray();
        var contexts = new GameContext[prompts];
        for (var x = 0; x < prompts; x++)
        {
            var (text, m) = Prompts[x];
            var preference = new DenseMatrix(space.Count, space.Count);
            for (var i = 0; i < space.Count; i++)
                for (var j = 0; j < space.Count; j++)
                    preference[i, j] = Probability(hands[i], hands[j], m);
            contexts[x] = GameContext.Adopt(text, 1, names, preference);
        }
        return new SequenceGame(new TabularGame(spec.Text, contexts), space);
    }

    /// <summary>
    /// <c>P(a ≻ b | x)</c> for the texts <paramref name="a"/> and <paramref name="b"/> after prompt <paramref name="prompt"/>
    /// (an index into <see cref="Prompts"/>): the rule itself, for any text, where the game enumerates L-word responses.
    /// </summary>
    public static double Preference(int prompt, string a, string b) => Probability(Hand(a), Hand(b), Prompts[prompt].Margins);

    // P(a ≻ b) of two hands under the margins m.
    private static double Probability(int a, int b, double[] m) => 0.5 + Margin(a, b, m) / 2;

    /// <summary>The text of a token sequence: its words up to the first end token (id 0).</summary>
    public static string Text(ReadOnlySpan<int> tokens)
    {
        var text = new System.Text.StringBuilder();
        foreach (var t in tokens)
        {
            if (t == 0) break;
            text.Append(Words[t - 1]);
        }
        return text.ToString();
    }

    /// <summary>The hand a text names: 0 rock, 1 paper, 2 scissors (the most named, ties to the first named), or −1 for none.</summary>
    public static int Hand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int best = -1, bestCount = 0, bestFirst = int.MaxValue;
        for (var h = 0; h < Words.Count; h++)
        {
            var word = Words[h].Trim();
            int count = 0, first = -1;
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                if (count++ == 0) first = at;
            }
            if (count > bestCount || (count == bestCount && count > 0 && first < bestFirst))
                (best, bestCount, bestFirst) = (h, count, first);
        }
        return best;
    }

    // m_x(a, b) ∈ [−1, 1], antisymmetric: paper beats rock by m[0], scissors beat paper by m[1], rock beats scissors by m[2].
    private static double Margin(int a, int b, double[] m)
    {
        if (a == b) return 0;
        if (a < 0) return -1;
        if (b < 0) return 1;
        return (a, b) switch
        {
            (1, 0) => m[0],
            (2, 1) => m[1],
            (0, 2) => m[2],
            _ => -Margin(b, a, m),
        };
    }
}
