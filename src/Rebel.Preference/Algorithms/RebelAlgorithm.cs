using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;
using Rebel.Preference.SelfPlay;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// REBEL as the self-play base learner (<c>--algo rebel</c>, DESIGN §1): each iteration draws K responses per
/// context from <c>π_t</c>, queries the oracle among them, and regresses logit differences scaled by 1/η onto
/// differences of leave-one-out win rates. Solved exactly with every response once and exact win rates, the
/// update is <c>π_{t+1} ∝ π_t exp(η r_t)</c>: mirror descent.
/// </summary>
public sealed class RebelAlgorithm : TabularSelfPlay
{
    private readonly TabularOracle _oracle;
    private readonly SelfPlaySampler _sampler;
    private readonly SelfPlayBatch _batch;
    private readonly IPolicyModel _model;
    private readonly RegressionRows _rows;
    private readonly ExactLeastSquares? _exact;
    private readonly AdamWRegression? _adam;
    private SeededRandom _random;
    private RegressionResult _fit;
    private int _samples;

    /// <summary>Creates REBEL on <paramref name="game"/> with step size <paramref name="eta"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">Invalid shared options (policy class, budget, optimiser settings).</exception>
    public RebelAlgorithm(TabularGame game, double eta, ulong seed, SelfPlayOptions shared, RebelOptions options)
        : base(game)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(options);
        Eta = eta;
        _oracle = new TabularOracle(game);
        _sampler = new SelfPlaySampler(_oracle, shared);
        _batch = _sampler.CreateBatch();
        _model = shared.Policy switch
        {
            PolicyKind.Tabular => new TabularSoftmaxPolicy(game),
            PolicyKind.LogLinear => new LogLinearPolicy(game),
            _ => throw new ArgumentException($"--policy {shared.Policy.ToString().ToLowerInvariant()}: rebel on a tabular game supports tabular and loglinear"),
        };
        int perContext = Math.Max(1, _batch.Capacity * (_batch.Capacity - 1) / 2);
        _rows = new RegressionRows(perContext * game.Contexts.Count);
        if (shared.Fit == FitMethod.Exact)
            _exact = new ExactLeastSquares(options.Ridge, game.MaxResponses);
        else
            _adam = new AdamWRegression(_model.Parameters.Length, _model.MaxDifferenceFeatures, shared.LearningRate, shared.Epochs, shared.Batch, options.WeightDecay);
        _random = new SeededRandom(seed);
    }

    /// <inheritdoc/>
    public override string Name => "rebel";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        _rows.Clear();
        _samples = 0;
        for (int c = 0; c < next.Length; c++)
        {
            _sampler.Sample(c, Policy(c), _random, _batch);
            _samples += _batch.Count;
            for (int r = 0; r < _batch.RowCount; r++)
            {
                var (i, j) = _batch.Row(r);
                _rows.Add(c, _batch.Response(i), _batch.Response(j), _batch.Target(r));
            }
        }
        _fit = _exact is not null ? _exact.Fit(_model, _rows, Eta) : _adam!.Fit(_model, _rows, Eta, _random);
        for (int c = 0; c < next.Length; c++)
            _model.Logits(c, next[c]);
    }

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        extras.Add(new("oracle_queries", _oracle.Queries));
        extras.Add(new("samples", _samples));
        extras.Add(new("regression_loss", _fit.Loss));
        extras.Add(new("r2", _fit.RSquared));
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteNumber("oracle_queries", _oracle.Queries);
        StateJson.WriteRandom(writer, "random", _random);
        StateJson.WriteArray(writer, "parameters", _model.Parameters);
        _adam?.Save(writer);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        _oracle.Queries = state.GetProperty("oracle_queries").GetInt64();
        _random = StateJson.ReadRandom(state, "random");
        StateJson.ReadArray(state, "parameters", _model.Parameters.Length).CopyTo(_model.Parameters, 0);
        _adam?.Load(state);
    }
}
