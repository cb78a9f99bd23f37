namespace Rebel.Games.Sequence;

/// <summary>
/// The features annotators judge sequences by: the frequency of each token, the fraction of adjacent pairs
/// that repeat, and the fraction that rise (<c>y_{t+1} &gt; y_t</c>). V + 2 numbers in [0, 1].
/// </summary>
public static class SequenceFeatures
{
    /// <summary>The number of features for a vocabulary of <paramref name="vocab"/> tokens.</summary>
    public static int Count(int vocab) => vocab + 2;

    /// <summary>Writes the features of <paramref name="tokens"/> into <paramref name="features"/> (length <see cref="Count"/>).</summary>
    public static void Compute(ReadOnlySpan<int> tokens, int vocab, Span<double> features)
    {
        features[..Count(vocab)].Clear();
        foreach (var t in tokens) features[t] += 1.0 / tokens.Length;
        if (tokens.Length < 2) return;
        for (var t = 1; t < tokens.Length; t++)
        {
            if (tokens[t] == tokens[t - 1]) features[vocab] += 1.0 / (tokens.Length - 1);
            else if (tokens[t] > tokens[t - 1]) features[vocab + 1] += 1.0 / (tokens.Length - 1);
        }
    }
}
