namespace Rebel.Preference.Fitting;

/// <summary>
/// Pairwise data with contexts and responses numbered in order of first appearance: per context the comparisons
/// <c>(a, b, P(a ≻ b))</c> between response indices. Every response of the data is numbered, so a model fitted to a
/// subset of the comparisons (a training fold) still covers the responses that only the held-out rows mention.
/// </summary>
internal sealed class IndexedComparisons
{
    private IndexedComparisons(List<string> contexts, List<List<string>> responses, List<List<(int A, int B, double P)>> comparisons)
    {
        Contexts = contexts;
        Responses = responses;
        Comparisons = comparisons;
    }

    /// <summary>Context names.</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>Response names per context.</summary>
    public IReadOnlyList<List<string>> Responses { get; }

    /// <summary>Comparisons per context, in the data's order.</summary>
    public IReadOnlyList<List<(int A, int B, double P)>> Comparisons { get; }

    /// <summary>Reads and numbers <paramref name="path"/>, checking that the fitted game would fit in memory.</summary>
    /// <exception cref="Rebel.Games.GameValidationException">Unreadable or malformed data (file and line named), or data too large.</exception>
    public static IndexedComparisons Read(string path)
    {
        var contexts = new List<string>();
        var responses = new List<List<string>>();
        var comparisons = new List<List<(int A, int B, double P)>>();
        var contextIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var responseIndex = new List<Dictionary<string, int>>();
        foreach (var row in PairwiseData.Read(path))
        {
            if (!contextIndex.TryGetValue(row.Context, out int c))
            {
                c = contextIndex[row.Context] = contexts.Count;
                contexts.Add(row.Context);
                responses.Add([]);
                comparisons.Add([]);
                responseIndex.Add(new Dictionary<string, int>(StringComparer.Ordinal));
            }
            comparisons[c].Add((Index(row.A, c), Index(row.B, c), row.P));
        }
        PairwiseData.EnsureGameFits(path, contexts, responses);
        return new IndexedComparisons(contexts, responses, comparisons);

        int Index(string response, int c)
        {
            if (!responseIndex[c].TryGetValue(response, out int i))
            {
                i = responseIndex[c][response] = responses[c].Count;
                responses[c].Add(response);
            }
            return i;
        }
    }

    /// <summary>Per context, the comparisons whose position in the whole data (counted across contexts) <paramref name="keep"/> accepts.</summary>
    public List<(int A, int B, double P)>[] Where(Func<int, bool> keep)
    {
        int position = 0;
        return Comparisons.Select(list => list.Where(_ => keep(position++)).ToList()).ToArray();
    }

    /// <summary>Number of comparisons.</summary>
    public int Count => Comparisons.Sum(c => c.Count);
}
