using Rebel.Games;
using Rebel.Preference.Oracles;
using Rebel.Preference.Regression;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// SPPO (Wu et al. 2024), tabular form (<c>--algo sppo</c>): per sample the square loss of
/// <see cref="Objectives.SppoObjective"/>, <c>(ln π_θ(y)/π_t(y) − η (r̂(y) − 1/2))²</c>, which approximates the
/// log-normaliser by η/2 instead of cancelling it with pairs as REBEL does. Solved exactly on the tabular logits: each
/// sampled response's logit moves by the mean of its samples' targets <c>η(r̂ − 1/2)</c>; unsampled logits stay. With every response and exact win rates this is
/// mirror descent.
/// </summary>
public sealed class SppoAlgorithm : SampledSelfPlay
{
    private readonly Objectives.SppoObjective _objective;
    private readonly double[] _sum;
    private readonly int[] _count;
    private double _residual;
    private double _total;
    private double _targetSum;
    private int _rows;

    /// <summary>Creates SPPO with step size <paramref name="eta"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The oracle's contexts or responses differ from the game's.</exception>
    public SppoAlgorithm(TabularGame game, double eta, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        _objective = new Objectives.SppoObjective(eta);
        _sum = new double[game.MaxResponses];
        _count = new int[game.MaxResponses];
    }

    /// <inheritdoc/>
    public override string Name => "sppo";

    /// <summary>The step size η.</summary>
    public double Eta => _objective.Eta;

    /// <inheritdoc/>
    protected override void Begin() => (_residual, _total, _targetSum, _rows) = (0, 0, 0, 0);

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        var log = LogPolicy(context);
        log.CopyTo(next);
        for (int i = 0; i < batch.Count; i++)
        {
            double r = batch.WinRate(i);
            if (double.IsNaN(r))
                continue;
            _sum[batch.Response(i)] += _objective.Target(r);
            _count[batch.Response(i)]++;
        }
        for (int i = 0; i < batch.Count; i++)
        {
            int y = batch.Response(i);
            if (_count[y] == 0 || double.IsNaN(batch.WinRate(i)))
                continue;
            double mean = _sum[y] / _count[y];
            next[y] = log[y] + mean;
            // Every copy of y is one regression row with target η(r̂ − 1/2) and fitted value `mean`.
            double target = _objective.Target(batch.WinRate(i));
            _residual += (mean - target) * (mean - target);
            _targetSum += target;
            _total += target * target;
            _rows++;
        }
        for (int i = 0; i < batch.Count; i++)
            (_sum[batch.Response(i)], _count[batch.Response(i)]) = (0, 0);
    }

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        base.AddExtras(extras);
        var fit = RegressionResult.From(_residual, _total - _targetSum * _targetSum / Math.Max(1, _rows), _rows);
        extras.Add(new("regression_loss", fit.Loss));
        extras.Add(new("r2", fit.RSquared));
    }
}
