using System.Text.Json;
using Rebel.Games.Randomness;
using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Objectives;
using Rebel.Preference.Policies;

namespace Rebel.Preference.Regression;

/// <summary>
/// Solves a pair objective approximately as the official REBEL implementation trains: AdamW on shuffled minibatches
/// of the objective's loss of <c>d = f_θ(a) − f_θ(b) − f_{θ_t}(a) + f_{θ_t}(b)</c> and each row's target (for REBEL,
/// <see cref="Objectives.RebelObjective"/>: <c>(d/η − (r̂(a) − r̂(b)))²</c>), warm-started at θ_t, for a number of epochs. The moment estimates persist across iterations (one optimiser for the run) and are part of
/// the checkpoint. The decoupled weight decay pulls θ toward θ_t, the trust region of the step.
/// </summary>
public sealed class AdamWRegression
{
    private readonly double _learningRate;
    private readonly int _epochs;
    private readonly int _batch;
    private readonly double _weightDecay;
    private readonly AdamMoments _adam;
    private readonly double[] _start;
    private readonly double[] _gradient;
    private readonly int[] _index;
    private readonly double[] _value;
    private int[] _order = [];

    /// <summary>Creates the optimiser for a model with <paramref name="parameters"/> parameters.</summary>
    /// <exception cref="OptionException">A non-positive learning rate, epoch count or batch size, or a negative weight decay.</exception>
    public AdamWRegression(int parameters, int maxDifferenceFeatures, double learningRate, int epochs, int batch, double weightDecay)
    {
        OptionChecks<SelfPlayOptions>.PositiveFinite(nameof(SelfPlayOptions.LearningRate), learningRate);
        OptionChecks<SelfPlayOptions>.AtLeast(nameof(SelfPlayOptions.Epochs), epochs, 1);
        OptionChecks<SelfPlayOptions>.AtLeast(nameof(SelfPlayOptions.Batch), batch, 1);
        OptionChecks<Algorithms.RebelOptions>.NonNegativeFinite(nameof(Algorithms.RebelOptions.WeightDecay), weightDecay);
        (_learningRate, _epochs, _batch, _weightDecay) = (learningRate, epochs, batch, weightDecay);
        _adam = new AdamMoments(parameters);
        _start = new double[parameters];
        _gradient = new double[parameters];
        _index = new int[maxDifferenceFeatures];
        _value = new double[maxDifferenceFeatures];
    }

    /// <summary>
    /// Trains on <paramref name="rows"/>, shuffling with <paramref name="random"/>, and returns the fit quality after
    /// training: the objective's mean loss, and its share of the targets' variance (R² of a square loss).
    /// </summary>
    public RegressionResult Fit(IPolicyModel model, RegressionRows rows, PairObjective objective, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(random);
        var theta = model.Parameters;
        theta.CopyTo(_start, 0);
        if (_order.Length < rows.Count)
            _order = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
            _order[i] = i;
        for (int epoch = 0; epoch < _epochs; epoch++)
        {
            for (int k = rows.Count - 1; k > 0; k--)
            {
                int swap = random.NextInt(k + 1);
                (_order[k], _order[swap]) = (_order[swap], _order[k]);
            }
            for (int first = 0; first < rows.Count; first += _batch)
                Step(model, rows, objective, first, Math.Min(rows.Count, first + _batch));
        }
        double residual = 0, sum = 0, sumSquares = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            double t = rows.Target(r);
            residual += objective.Pair(Difference(model, rows, r, out _), t).Loss;
            sum += t;
            sumSquares += t * t;
        }
        return RegressionResult.From(residual, sumSquares - sum * sum / Math.Max(1, rows.Count), rows.Count);
    }

    private void Step(IPolicyModel model, RegressionRows rows, PairObjective objective, int first, int end)
    {
        var theta = model.Parameters;
        Array.Clear(_gradient);
        for (int k = first; k < end; k++)
        {
            int r = _order[k];
            double derivative = objective.Pair(Difference(model, rows, r, out int n), rows.Target(r)).Derivative / (end - first);
            for (int i = 0; i < n; i++)
                _gradient[_index[i]] += derivative * _value[i];
        }
        _adam.BeginStep();
        for (int i = 0; i < theta.Length; i++)
            theta[i] -= _learningRate * (_adam.Direction(i, _gradient[i]) + _weightDecay * (theta[i] - _start[i]));
    }

    // d of row r: the change of its logit difference since θ_t. Its n sparse features stay in _index/_value, so the
    // gradient step reads them without asking the model again.
    private double Difference(IPolicyModel model, RegressionRows rows, int r, out int n)
    {
        n = model.DifferenceFeatures(rows.Context(r), rows.A(r), rows.B(r), _index, _value);
        double s = 0;
        for (int i = 0; i < n; i++)
            s += _value[i] * (model.Parameters[_index[i]] - _start[_index[i]]);
        return s;
    }

    /// <summary>Writes the optimiser state (moments and step count) into the open checkpoint object.</summary>
    public void Save(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("adam_steps", _adam.Steps);
        StateJson.WriteArray(writer, "adam_first", _adam.First);
        StateJson.WriteArray(writer, "adam_second", _adam.Second);
    }

    /// <summary>Restores the state written by <see cref="Save"/>.</summary>
    public void Load(JsonElement state)
    {
        _adam.Restore(state.GetProperty("adam_steps").GetInt64());
        StateJson.ReadArray(state, "adam_first", _adam.First.Length).CopyTo(_adam.First, 0);
        StateJson.ReadArray(state, "adam_second", _adam.Second.Length).CopyTo(_adam.Second, 0);
    }
}
