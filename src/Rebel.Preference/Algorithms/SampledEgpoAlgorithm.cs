using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// EGPO from samples (<c>--algo egpo --loss sampled</c>): the paper's online-IPO loss on the pairs of the context's
/// batch, <c>(d_i − d_j − (r̂_i − r̂_j)/τ)²</c> with <c>d = log π/π_ref</c>, averaged over the pairs (weighted by <c>π_t(y_i) π_t(y_j)</c> with <c>--samples all</c>), and two gradient
/// steps of <c>--lr</c> from <c>θ_t = log π_t</c>: the half step with <c>r̂</c> the batch's win rates against π_t, the
/// full step with <c>r̂</c> against the half step, estimated from the same batch by importance weights
/// (<see cref="BatchWinRates"/>). In expectation over uniformly drawn pairs this is <see cref="EgpoAlgorithm"/> with
/// <c>ητ = 4 lr / n</c>; the batch draws its pairs from π_t instead.
/// </summary>
public sealed class SampledEgpoAlgorithm : SampledSelfPlay
{
    private readonly double[] _half;
    private readonly double[] _targets;
    private readonly double[] _gradient;
    private readonly bool _all;

    /// <summary>Creates sampled EGPO with regularisation <paramref name="tau"/> and the shared options' gradient step.</summary>
    /// <exception cref="ArgumentException">τ not positive and finite, or a learning rate that is not positive and finite.</exception>
    public SampledEgpoAlgorithm(TabularGame game, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        ArgumentNullException.ThrowIfNull(shared);
        shared.RequireOnly("egpo with {0}", "it fits the sampled loss on self-play pairs, tabular, and takes no η (its step is the learning rate)",
            [OptionReference.Of<EgpoOptions>(nameof(EgpoOptions.Loss), LossKind.Sampled)], [.. EgpoOptions.Algorithm.SharedOptions.Where(o => o != nameof(SelfPlayOptions.Eta))]);
        ArgumentNullException.ThrowIfNull(game);
        if (!(tau > 0) || double.IsInfinity(tau))
            throw OptionException.Of<EgpoOptions>(nameof(EgpoOptions.Tau), tau, "must be a positive finite number (the sampled form divides by it)");
        LearningRate = PolicyGradient.CheckLearningRate(shared.LearningRate);
        Tau = tau;
        _all = shared.Samples == SampleCount.All;
        _half = new double[game.MaxResponses];
        _targets = new double[BatchCapacity];
        _gradient = new double[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "egpo";

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The gradient step size.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        var log = LogPolicy(context);
        var half = _half.AsSpan(0, log.Length);
        var targets = _targets.AsSpan(0, batch.Count);
        for (int i = 0; i < batch.Count; i++)
            targets[i] = batch.WinRate(i);
        Step(batch, context, targets, half);
        LogMath.Normalise(half);
        BatchWinRates.Against(batch, _all, log, half, targets);
        Step(batch, context, targets, next);
    }

    /// <summary>One gradient step of the pair loss from <c>log π_t</c> with win-rate targets <paramref name="targets"/> per sample.</summary>
    private void Step(SelfPlayBatch batch, int context, ReadOnlySpan<double> targets, Span<double> next)
    {
        var log = LogPolicy(context);
        var reference = ReferenceLog(context);
        var gradient = _gradient.AsSpan(0, log.Length);
        gradient.Clear();
        var policy = Policy(context);
        double weight = 0;
        for (int i = 0; i < batch.Count; i++)
            for (int j = i + 1; j < batch.Count; j++)
            {
                int a = batch.Response(i), b = batch.Response(j);
                if (a == b || double.IsNaN(targets[i]) || double.IsNaN(targets[j]))
                    continue;
                double w = BatchWinRates.Weight(batch, _all, policy, i) * BatchWinRates.Weight(batch, _all, policy, j);
                double residual = log[a] - reference[a] - (log[b] - reference[b]) - (targets[i] - targets[j]) / Tau;
                gradient[a] += 2 * w * residual;
                gradient[b] -= 2 * w * residual;
                weight += w;
            }
        for (int y = 0; y < log.Length; y++)
            next[y] = log[y] - (weight == 0 ? 0 : LearningRate * gradient[y] / weight);
    }
}
