namespace Rebel.Torch.Models;

/// <summary>
/// What <see cref="TransformerPolicy.Generate"/> drew: <see cref="Rows"/> × <see cref="Steps"/> token ids and their
/// log-probabilities under the model (at temperature 1, over the ids drawn from, whatever the sampling options),
/// row-major. Row r's response is its first <see cref="Lengths"/>[r] tokens (the end token included when drawn); the
/// positions after it hold the end token with log-probability 0, so a row's log-probabilities sum to ln π(y | x).
/// </summary>
public sealed record GeneratedTokens(long Rows, int Steps, long[] Tokens, float[] LogProbs, int[] Lengths)
{
    /// <summary>Row <paramref name="row"/>'s response tokens.</summary>
    public long[] Response(long row) => Tokens.AsSpan((int)(row * Steps), Lengths[row]).ToArray();

    /// <summary>Row <paramref name="row"/>'s response token log-probabilities.</summary>
    public float[] ResponseLogProbs(long row) => LogProbs.AsSpan((int)(row * Steps), Lengths[row]).ToArray();

    // Step-major columns [step][row] → row-major arrays.
    internal static GeneratedTokens FromSteps(IReadOnlyList<long[]> tokens, IReadOnlyList<float[]> logProbs, int[] lengths)
    {
        var rows = lengths.Length;
        var steps = tokens.Count;
        var flat = new long[rows * steps];
        var lp = new float[rows * steps];
        for (var s = 0; s < steps; s++)
            for (var r = 0; r < rows; r++)
            {
                flat[r * steps + s] = tokens[s][r];
                lp[r * steps + s] = logProbs[s][r];
            }
        return new GeneratedTokens(rows, steps, flat, lp, lengths);
    }
}
