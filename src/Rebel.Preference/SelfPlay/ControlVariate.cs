using System.Text.Json;
using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference;

namespace Rebel.Preference.SelfPlay;

/// <summary>
/// The control variate of the doubly robust estimator (docs/sampled-self-play.md §4): per context, a running estimate
/// <c>Ĉ(y, z) = (S(y, z) + b) / (N(y, z) + 1)</c> of <c>P(y ≻ z)</c> from the answers of earlier iterations — S the
/// sum of the N answers to the pair so far, b the baseline as one pseudo-answer, so an unseen pair is b — with
/// <c>Ĉ(y, y) = 1/2</c>. It is fixed while an iteration's estimates are formed and learns from the iteration's answers
/// only after (<see cref="Observe"/>), so it is independent of the draws it corrects and the estimate stays unbiased.
/// Holds two n×n arrays per context; checkpointed with the run.
/// </summary>
internal sealed class ControlVariate
{
    private readonly int[] _responses;
    private readonly long[] _offsets;
    private readonly double[] _sums;
    private readonly double[] _counts;
    private readonly double _baseline;

    public ControlVariate(IPreferenceOracle oracle, double baseline)
    {
        _responses = Enumerable.Range(0, oracle.ContextCount).Select(oracle.ResponseCount).ToArray();
        _offsets = new long[_responses.Length + 1];
        for (int c = 0; c < _responses.Length; c++)
            _offsets[c + 1] = _offsets[c] + (long)_responses[c] * _responses[c];
        _sums = new double[checked((int)_offsets[^1])];
        _counts = new double[_sums.Length];
        _baseline = baseline;
    }

    /// <summary><c>Ĉ(y, z)</c> of context <paramref name="context"/>.</summary>
    public double Value(int context, int y, int z)
    {
        if (y == z)
            return 0.5;
        long at = _offsets[context] + (long)y * _responses[context] + z;
        return (_sums[at] + _baseline) / (_counts[at] + 1);
    }

    /// <summary>The control variate's win rates <c>c(y) = Σ_z q(z) Ĉ(y, z)</c> against <paramref name="opponents"/>, into <paramref name="into"/>.</summary>
    public void WinRates(int context, ReadOnlySpan<double> opponents, Span<double> into)
    {
        for (int y = 0; y < opponents.Length; y++)
        {
            double sum = 0;
            for (int z = 0; z < opponents.Length; z++)
                sum += opponents[z] * Value(context, y, z);
            into[y] = sum;
        }
    }

    /// <summary>Adds every queried answer of <paramref name="batch"/> (both orders of each pair) to the running sums.</summary>
    public void Observe(int context, SelfPlayBatch batch)
    {
        int n = _responses[context];
        long offset = _offsets[context];
        for (int i = 0; i < batch.Count; i++)
            for (int j = i + 1; j < batch.Count; j++)
            {
                double o = batch.Outcome(i, j);
                int y = batch.Response(i), z = batch.Response(j);
                if (double.IsNaN(o) || y == z)
                    continue;
                _sums[offset + (long)y * n + z] += o;
                _counts[offset + (long)y * n + z]++;
                _sums[offset + (long)z * n + y] += 1 - o;
                _counts[offset + (long)z * n + y]++;
            }
    }

    public void Write(Utf8JsonWriter writer)
    {
        StateJson.WriteArray(writer, "control_variate_sums", _sums);
        StateJson.WriteArray(writer, "control_variate_counts", _counts);
    }

    public void Read(JsonElement state)
    {
        StateJson.ReadArray(state, "control_variate_sums", _sums.Length).CopyTo(_sums, 0);
        StateJson.ReadArray(state, "control_variate_counts", _counts.Length).CopyTo(_counts, 0);
    }
}
