using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Nash-MD-PG from samples (<c>--algo nash-md-pg --loss sampled</c>): the REINFORCE estimate of
/// <see cref="NashMdPgAlgorithm"/>'s gradient on the batch's responses <c>y_i ∼ π_t</c>,
/// <c>θ_{t+1} = log π_t + lr · mean_i Â_i (e_{y_i} − π_t)</c> (weighted by <c>π_t(y_i)</c> with <c>--samples all</c>) with <c>Â_i = r̂_μ(y_i) − τ log π_t(y_i)/π_ref(y_i)</c>,
/// where <c>r̂_μ</c> estimates the win rate against the geometric mixture <c>π^μ_t</c> from the same batch by importance
/// weights (the paper draws the opponent from <c>π^μ_t</c> instead).
/// </summary>
public sealed class SampledNashMdPgAlgorithm : SampledSelfPlay
{
    private readonly double[] _mixture;
    private readonly double[] _winRates;
    private readonly double[] _gradient;
    private readonly bool _all;

    /// <summary>Creates sampled Nash-MD-PG with mixture step <paramref name="eta"/>, regularisation <paramref name="tau"/> and the shared options' gradient step.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1], or a learning rate that is not positive and finite.</exception>
    public SampledNashMdPgAlgorithm(TabularGame game, double eta, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(game);
        Mixture = AnchoredStep.MixtureWeight<NashMdPgOptions>(nameof(NashMdPgOptions.Tau), eta, tau);
        LearningRate = PolicyGradient.CheckLearningRate(shared.LearningRate);
        (Eta, Tau) = (eta, tau);
        _all = shared.Samples == SampleCount.All;
        _mixture = new double[game.MaxResponses];
        _winRates = new double[BatchCapacity];
        _gradient = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "nash-md-pg";

    /// <summary>The mirror step η of the mixture.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The weight <c>ητ</c> of the reference in the mixture.</summary>
    public double Mixture { get; }

    /// <summary>The policy-gradient step size.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        var policy = Policy(context);
        var mixture = _mixture.AsSpan(0, log.Length);
        AnchoredStep.Mix(log, reference, Mixture, mixture);
        LogMath.Normalise(mixture);
        var winRates = _winRates.AsSpan(0, batch.Count);
        BatchWinRates.Against(batch, _all, log, mixture, winRates);
        var gradient = _gradient.AsSpan(0, log.Length);
        gradient.Clear();
        double used = 0, total = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            if (double.IsNaN(winRates[i]))
                continue;
            int y = batch.Response(i);
            double w = BatchWinRates.Weight(batch, _all, policy, i);
            double advantage = winRates[i] - Tau * (log[y] - reference[y]);
            gradient[y] += w * advantage;
            total += w * advantage;
            used += w;
        }
        // ∂ log π_θ(y)/∂θ = e_y − π: the e_y parts were added per sample, the −π part once with the summed advantage.
        for (int k = 0; k < log.Length; k++)
            next[k] = log[k] + (used == 0 ? 0 : LearningRate * (gradient[k] - total * policy[k]) / used);
    }
}
