namespace Rebel.Games.Exact;

/// <summary>
/// The preference of a context too large to store as a matrix (e.g. every token sequence of a long response), given
/// by what the exact evaluation and a learner need of it: <c>P π</c> for a whole policy, and single entries.
/// </summary>
public interface IWinRateKernel
{
    /// <summary>Number of responses n.</summary>
    int Count { get; }

    /// <summary><c>P(y_i ≻ y_j | x)</c>.</summary>
    double Preference(int i, int j);

    /// <summary>Writes <c>r = P π</c> over all n responses into <paramref name="winRates"/>; exact, in O(n) memory.</summary>
    void WinRates(ReadOnlySpan<double> policy, Span<double> winRates);
}
