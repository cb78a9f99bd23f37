namespace Rebel.Games.Exact;

/// <summary>
/// A preference matrix of one context given block by block instead of stored: the implicit evaluation
/// (<see cref="BlockedWinRate"/>) asks for one block at a time, so a response set of any size is judged in O(n) memory.
/// Implementations must be safe to call from several threads at once (each call writes only its own block).
/// </summary>
public interface IPreferenceKernel
{
    /// <summary>The number n of responses.</summary>
    int Count { get; }

    /// <summary>
    /// Writes <c>P(y_i ≻ y_j)</c> for i in [<paramref name="rowStart"/>, +<paramref name="rows"/>) and j in
    /// [<paramref name="columnStart"/>, +<paramref name="columns"/>) into <paramref name="block"/>, row-major:
    /// entry (i, j) at <c>(i − rowStart) · columns + (j − columnStart)</c>.
    /// </summary>
    void Fill(int rowStart, int rows, int columnStart, int columns, Span<double> block);
}
