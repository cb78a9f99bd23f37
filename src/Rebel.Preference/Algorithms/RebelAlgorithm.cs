using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// REBEL as the self-play base learner (<c>--algo rebel</c>, DESIGN §1): each iteration draws K responses per
/// context from <c>π_t</c>, queries the oracle among them, and regresses logit differences scaled by 1/η onto
/// differences of win-rate estimates. By default (<see cref="RebelEstimator.DoublyRobust"/>, or
/// <see cref="RebelEstimator.ImportanceWeighted"/>) every response of the context is a target, with its unbiased
/// estimate, so the expected fitted update is the mirror-descent step; <see cref="RebelEstimator.LeaveOneOut"/> regresses on pairs of samples only (biased, kept for
/// research; docs/sampled-self-play.md). Solved exactly with every response once and exact win rates, either is
/// <c>π_{t+1} ∝ π_t exp(η r_t)</c>: mirror descent.
/// </summary>
public sealed class RebelAlgorithm : SampledSelfPlay
{
    private readonly IPolicyModel _model;
    private readonly RegressionRows _rows;
    private readonly ExactLeastSquares? _exact;
    private readonly AdamWRegression? _adam;
    private readonly Objectives.RebelObjective _objective;
    // Every response's importance-weighted target per context, where the exact fit takes them whole (FitComplete).
    private readonly double[][]? _targets;
    private RegressionResult _fit;

    /// <summary>Creates REBEL on <paramref name="game"/> with step size <paramref name="eta"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">Invalid shared options (policy class, budget, optimiser settings).</exception>
    public RebelAlgorithm(TabularGame game, double eta, ulong seed, SelfPlayOptions shared, RebelOptions options, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, options is not null && options.Estimator != RebelEstimator.LeaveOneOut, oracle, options?.Estimator == RebelEstimator.DoublyRobust)
    {
        ArgumentNullException.ThrowIfNull(options);
        _objective = new Objectives.RebelObjective(eta);
        Estimator = options.Estimator;
        bool importanceWeighted = options.Estimator != RebelEstimator.LeaveOneOut;
        options.Validate();
        OptionReference[] estimator = [OptionReference.Of<RebelOptions>(nameof(RebelOptions.Estimator), options.Estimator), OptionReference.Of<RebelOptions>(nameof(RebelOptions.Estimator), RebelEstimator.LeaveOneOut)];
        // REBEL declares every shared option (RebelOptions.Algorithm); its estimator and its solver each leave some unused.
        string[] estimatorUnused = importanceWeighted ? [nameof(SelfPlayOptions.Pairs), nameof(SelfPlayOptions.Offline)] : [nameof(SelfPlayOptions.Explore), nameof(SelfPlayOptions.Baseline)];
        string[] solverUnused = shared.Fit == FitMethod.AdamW ? [] : [nameof(SelfPlayOptions.LearningRate), nameof(SelfPlayOptions.Epochs), nameof(SelfPlayOptions.Batch)];
        shared.RequireOnly($"{Name} with {{0}}", importanceWeighted
            ? "its targets are every response's importance-weighted win rate; pairs and offline data apply to {1}"
            : "its targets are leave-one-out win rates among π_t's own samples", estimator, [.. RebelOptions.Algorithm.SharedOptions.Except(estimatorUnused).Except(solverUnused)]);
        var fit = OptionReference.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Fit), shared.Fit == FitMethod.Exact ? FitMethod.AdamW : FitMethod.Exact);
        if (shared.Fit == FitMethod.Exact && options.WeightDecay != 0)
            throw OptionException.Of<RebelOptions>(nameof(RebelOptions.WeightDecay), options.WeightDecay, "applies to {0} only", fit);
        if (shared.Fit == FitMethod.AdamW && options.Ridge != 0)
            throw OptionException.Of<RebelOptions>(nameof(RebelOptions.Ridge), options.Ridge, "applies to {0} only", fit);
        _model = PolicyCatalog.Create(shared.Policy, game);
        int sampledPairs = Math.Max(1, BatchCapacity * (BatchCapacity - 1) / 2);
        // The exact fits of the importance-weighted targets need no rows: closed-form for the tabular policy, the
        // centred normal equations of every pair otherwise (O(n) a context, not O(n²)); AdamW regresses on every pair.
        bool completeRows = importanceWeighted && shared.Fit == FitMethod.AdamW;
        if (importanceWeighted && shared.Fit == FitMethod.Exact && shared.Policy != PolicyKind.Tabular)
            _targets = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _rows = new RegressionRows(game.Contexts.Sum(c => completeRows ? Math.Max(1, c.Count * (c.Count - 1) / 2) : sampledPairs));
        if (shared.Fit == FitMethod.Exact)
            _exact = new ExactLeastSquares(options.Ridge, game.MaxResponses);
        else
            _adam = new AdamWRegression(_model.Parameters.Length, _model.MaxDifferenceFeatures, shared.LearningRate, shared.Epochs, shared.Batch, options.WeightDecay);
    }

    /// <inheritdoc/>
    public override string Name => "rebel";

    /// <summary>The step size η.</summary>
    public double Eta => _objective.Eta;

    /// <summary>How the samples become regression targets.</summary>
    public RebelEstimator Estimator { get; }

    /// <summary>The tabular exact solve separates by context, so each context is solved as soon as it is sampled.</summary>
    private bool PerContext => _exact is not null && _model is TabularSoftmaxPolicy;

    /// <inheritdoc/>
    protected override void Begin()
    {
        _rows.Clear();
        _exact?.Reset();
    }

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        int n = next.Length;
        if (PerContext && Estimator != RebelEstimator.LeaveOneOut)
            _exact!.AccumulateComplete((TabularSoftmaxPolicy)_model, context, batch.Estimates.AsSpan(0, n), Eta);
        else if (_targets is not null)
        {
            batch.Estimates.AsSpan(0, n).CopyTo(_targets[context]);
            return;
        }
        else
        {
            if (PerContext)
                _rows.Clear();
            AddRows(_rows, context, n, batch, Estimator);
            if (!PerContext)
                return;
            _exact!.Accumulate((TabularSoftmaxPolicy)_model, _rows, Eta);
        }
        _model.Logits(context, next);
    }

    /// <summary>
    /// Appends context <paramref name="context"/>'s regression rows: every pair of its <paramref name="responses"/>
    /// with importance-weighted (or doubly robust) targets <c>r̃(a) − r̃(b)</c>, or the sampler's pairs of samples with leave-one-out targets.
    /// </summary>
    internal static void AddRows(RegressionRows rows, int context, int responses, SelfPlayBatch batch, RebelEstimator estimator)
    {
        if (estimator != RebelEstimator.LeaveOneOut)
        {
            for (int a = 0; a < responses; a++)
                for (int b = a + 1; b < responses; b++)
                    rows.Add(context, a, b, batch.Estimate(a) - batch.Estimate(b));
            return;
        }
        for (int r = 0; r < batch.RowCount; r++)
        {
            var (i, j) = batch.Row(r);
            rows.Add(context, batch.Response(i), batch.Response(j), batch.Target(r));
        }
    }

    /// <inheritdoc/>
    protected override void End(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (PerContext)
        {
            _fit = _exact!.Result;
            return;
        }
        _fit = _targets is not null ? _exact!.FitComplete(_model, _targets, Eta)
            : _exact is not null ? _exact.Fit(_model, _rows, Eta)
            : _adam!.Fit(_model, _rows, _objective, Random);
        for (int c = 0; c < next.Length; c++)
            _model.Logits(c, next[c]);
    }

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        base.AddExtras(extras);
        extras.Add(new("regression_loss", _fit.Loss));
        extras.Add(new("r2", _fit.RSquared));
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        StateJson.WriteArray(writer, "parameters", _model.Parameters);
        _adam?.Save(writer);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        base.ReadState(state);
        StateJson.ReadArray(state, "parameters", _model.Parameters.Length).CopyTo(_model.Parameters, 0);
        _adam?.Load(state);
    }
}
