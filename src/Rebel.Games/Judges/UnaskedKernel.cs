using Rebel.Games.Exact;

namespace Rebel.Games.Judges;

/// <summary>
/// The preference of a judge context whose matrix is not asked for (estimated evaluation): 1/2 everywhere, a
/// placeholder for the names, weights and sizes, held in O(1) memory instead of an n×n matrix, since no metric reads it.
/// </summary>
internal sealed class UnaskedKernel(int count) : IWinRateKernel
{
    public int Count { get; } = count;

    public double Preference(int i, int j) => 0.5;

    public void WinRates(ReadOnlySpan<double> policy, Span<double> winRates) => winRates[..Count].Fill(0.5);
}
