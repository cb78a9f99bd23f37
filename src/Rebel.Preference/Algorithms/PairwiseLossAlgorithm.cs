using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Online preference optimisation from labelled pairs (the family of iterative DPO and IPO): each iteration samples
/// pairs from <c>π_t</c>, labels them by the oracle (a probability with exact feedback, 0/1 with Bernoulli feedback),
/// and takes one gradient step of size <c>--lr</c> on the tabular logits of a loss of the log-ratio difference
/// <c>d = ln π(a)/π_ref(a) − ln π(b)/π_ref(b)</c>, averaged over each context's pairs.
/// </summary>
public abstract class PairwiseLossAlgorithm : SampledSelfPlay
{
    private readonly double[] _gradient;
    private double _lossSum;
    private int _rows;

    /// <summary>Creates the learner with the shared options (its step is <see cref="SelfPlayOptions.LearningRate"/>).</summary>
    /// <exception cref="ArgumentException">A learning rate that is not positive and finite.</exception>
    /// <param name="game">The game.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="shared">The shared options.</param>
    /// <param name="oracle">The preference oracle queried for feedback; null: the game's own matrix (<see cref="TabularOracle"/>).</param>
    protected PairwiseLossAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(shared);
        LearningRate = PolicyGradient.CheckLearningRate(shared.LearningRate);
        _gradient = new double[game.MaxResponses];
    }

    /// <summary>
    /// The shared options of a learner from labelled pairs (<see cref="AlgorithmDescriptor.SharedOptions"/> of online
    /// DPO, online IPO, and with η of sampled INPO and COMAL): it draws, queries and pairs samples, may take them
    /// from offline data, and steps by the learning rate; it has no regression solver and no importance weights.
    /// </summary>
    public static IReadOnlyList<string> PairOptions { get; } =
        [nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.Pairs), nameof(SelfPlayOptions.LearningRate), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.Offline)];

    /// <summary>The gradient step size.</summary>
    public double LearningRate { get; }

    /// <summary>The log-policy the log-ratios are taken to: <c>π_ref</c>, or a moving anchor (COMAL's prox centre).</summary>
    protected virtual ReadOnlySpan<double> AnchorLog(int context) => ReferenceLog(context);

    /// <summary>The loss of a pair, defined once for every policy class (<see cref="Objectives.PairObjective"/>).</summary>
    protected abstract Objectives.PairObjective Objective { get; }


    /// <inheritdoc/>
    protected override void Begin() => (_lossSum, _rows) = (0, 0);

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        var log = LogPolicy(context);
        var reference = AnchorLog(context);
        var gradient = _gradient.AsSpan(0, log.Length);
        gradient.Clear();
        int rows = 0;
        for (int r = 0; r < batch.RowCount; r++)
        {
            var (i, j) = batch.Row(r);
            int a = batch.Response(i), b = batch.Response(j);
            double label = batch.Outcome(i, j);
            if (a == b || double.IsNaN(label))
                continue;
            // At π = π_t the objective's log-ratio difference is w·d (ρ's anchor holds π_ref with weight w), and ∂/∂θ of
            // it is that of d, so the derivative applies to the logits as it is.
            var (loss, derivative) = Objective.Pair(Objective.ReferenceWeight * (log[a] - reference[a] - (log[b] - reference[b])), label);
            gradient[a] += derivative;
            gradient[b] -= derivative;
            _lossSum += loss;
            rows++;
        }
        _rows += rows;
        for (int y = 0; y < log.Length; y++)
            next[y] = log[y] - (rows == 0 ? 0 : LearningRate * gradient[y] / rows);
    }

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        base.AddExtras(extras);
        extras.Add(new("regression_loss", _rows == 0 ? 0 : _lossSum / _rows));
    }
}
