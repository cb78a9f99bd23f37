namespace Rebel.Games.Exact;

/// <summary>What <see cref="FusedHedge.Advance"/> leaves for the rest of a context's Hedge step.</summary>
/// <param name="Top"><c>max_y (u_t + η r)(y)</c>, the shift of the step's exponentials.</param>
/// <param name="BestWinRateSum"><c>max_y Σ_t r_t(y)</c> after this step.</param>
/// <param name="Played"><c>⟨π_t, r_t⟩</c>.</param>
internal readonly record struct HedgeAdvance(double Top, double BestWinRateSum, double Played);
