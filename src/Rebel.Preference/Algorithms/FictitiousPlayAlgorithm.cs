using Rebel.Games;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Fictitious play, exact tabular form (<c>--algo fictitious-play</c>): the iterate is the belief, the running
/// mean of the initial policy and all best responses so far, <c>π_{t+1} = π_t + (BR(π_t) − π_t)/(t + 2)</c>, where
/// <c>BR</c> is a pure best response to the exact win rates. Playing the belief (a mixed policy of full support)
/// rather than the pure best response keeps every KL finite; the belief converges to the minimax winner.
/// </summary>
public sealed class FictitiousPlayAlgorithm : TabularSelfPlay
{
    /// <summary>Creates fictitious play on <paramref name="game"/> from the uniform policy.</summary>
    public FictitiousPlayAlgorithm(TabularGame game)
        : base(game)
    {
    }

    /// <inheritdoc/>
    public override string Name => "fictitious-play";

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        double step = 1.0 / (Iteration + 2);
        for (int c = 0; c < next.Length; c++)
        {
            var pi = Policy(c);
            int best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(WinRates(c));
            for (int i = 0; i < pi.Length; i++)
                next[c][i] = Math.Log((1 - step) * pi[i] + (i == best ? step : 0));
        }
    }
}
