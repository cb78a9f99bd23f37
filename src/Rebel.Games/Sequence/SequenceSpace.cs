using System.Globalization;

namespace Rebel.Games.Sequence;

/// <summary>
/// All token sequences of a fixed length over a vocabulary <c>{0, …, V−1}</c>, numbered in base V with the first
/// token most significant, so index order is lexicographic order.
/// </summary>
public sealed class SequenceSpace
{
    /// <summary>Creates the space of <paramref name="vocab"/>^<paramref name="length"/> sequences (at most <see cref="int.MaxValue"/>).</summary>
    public SequenceSpace(int vocab, int length)
    {
        if (vocab < 2) throw new ArgumentOutOfRangeException(nameof(vocab), vocab, "a vocabulary needs at least 2 tokens");
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "sequences need at least 1 token");
        var count = Math.Pow(vocab, length);
        if (count > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), length, $"{vocab}^{length} sequences cannot be numbered");
        Vocab = vocab;
        Length = length;
        Count = (int)count;
    }

    /// <summary>The vocabulary size V.</summary>
    public int Vocab { get; }

    /// <summary>The sequence length L.</summary>
    public int Length { get; }

    /// <summary>V^L, the number of sequences.</summary>
    public int Count { get; }

    /// <summary>Writes the tokens of sequence <paramref name="index"/> into <paramref name="tokens"/> (length L).</summary>
    public void Tokens(int index, Span<int> tokens)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"not in [0, {Count})");
        for (var t = Length - 1; t >= 0; t--)
        {
            tokens[t] = index % Vocab;
            index /= Vocab;
        }
    }

    /// <summary>The tokens of sequence <paramref name="index"/>.</summary>
    public int[] Tokens(int index)
    {
        var tokens = new int[Length];
        Tokens(index, tokens);
        return tokens;
    }

    /// <summary>The index of a token sequence of length L.</summary>
    public int Index(ReadOnlySpan<long> tokens)
    {
        if (tokens.Length != Length) throw new ArgumentException($"sequence of length {tokens.Length}, the space has length {Length}");
        var index = 0;
        foreach (var token in tokens)
        {
            if ((ulong)token >= (ulong)Vocab) throw new ArgumentOutOfRangeException(nameof(tokens), token, $"token not in [0, {Vocab})");
            index = index * Vocab + (int)token;
        }
        return index;
    }

    /// <summary>The response name of sequence <paramref name="index"/>: its tokens as digits (joined by '.' when V &gt; 10).</summary>
    public string Name(int index)
    {
        var tokens = Tokens(index);
        return Vocab <= 10
            ? string.Concat(tokens.Select(t => (char)('0' + t)))
            : string.Join('.', tokens.Select(t => t.ToString(CultureInfo.InvariantCulture)));
    }
}
