using System.Numerics.Tensors;
using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Fictitious play, tabular (<c>--algo fictitious-play</c>): the iterate is the belief, the running mean of the
/// initial policy and all best responses so far, <c>π_{t+1} = π_t + (e_{b_t} − π_t)/(t + 2)</c>, where <c>b_t</c> is a
/// best response to the tracked win rates <c>g_t</c>. Because the belief is a running mean, so are its win rates:
/// <c>P π_{t+1} = P π_t + (P e_{b_t} − P π_t)/(t + 2)</c>, and <c>g</c> follows the same recursion with the
/// importance-weighted estimate of <c>P e_{b_t}</c> (responses of <c>π_t</c> against <c>b_t</c>), starting from a
/// self-play estimate of <c>P π_0</c>. So <c>g_t</c> is an unbiased estimate of <c>P π_t</c> whose noise is averaged
/// over the whole run (exact with <c>--samples all</c> and exact feedback). Playing the belief (a mixed policy of full
/// support) rather than the pure best response keeps every KL finite; the belief converges to the minimax winner.
/// </summary>
public sealed class FictitiousPlayAlgorithm : SampledSelfPlay
{
    private readonly double[][] _tracked;
    private readonly double[] _pure;

    /// <summary>Creates fictitious play on <paramref name="game"/> from the uniform policy, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The oracle's contexts or responses differ from the game's.</exception>
    public FictitiousPlayAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, importanceWeighted: true, oracle: oracle)
    {
        _tracked = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _pure = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "fictitious-play";

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        double step = 1.0 / (Iteration + 2);
        var tracked = _tracked[context];
        if (Iteration == 0)
            EstimateWinRates(context, []).CopyTo(tracked);
        var pi = Policy(context);
        int best = TensorPrimitives.IndexOfMax(tracked);
        for (int i = 0; i < pi.Length; i++)
            next[i] = Math.Log((1 - step) * pi[i] + (i == best ? step : 0));
        var pure = _pure.AsSpan(0, pi.Length);
        pure.Clear();
        pure[best] = 1;
        var againstBest = EstimateWinRates(context, pure);
        for (int i = 0; i < tracked.Length; i++)
            tracked[i] += (againstBest[i] - tracked[i]) * step;
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        StateJson.WriteJagged(writer, "tracked_win_rates", _tracked);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        base.ReadState(state);
        StateJson.ReadJaggedInto(state, "tracked_win_rates", Game, _tracked);
    }
}
