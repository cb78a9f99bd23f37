using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Utils;

namespace Rebel.Games.Exact;

/// <summary>
/// Exact self-play mirror descent (SPO with exact MD, i.e. Hedge on win rates):
/// <c>r_t = P π_t</c>, <c>π_{t+1} ∝ π_t · exp(η r_t)</c>, per context. The iterate lives in log space,
/// so a large η or 0/1 preferences only drive log-probabilities down, never to NaN.
/// </summary>
public sealed class MirrorDescent
{
    private readonly TabularGame _game;
    private readonly double[][] _logPolicy;
    private readonly double[][] _policy;
    private readonly double[][] _winRates;
    private readonly double[][] _nextLog;
    private readonly float[]? _preference32;
    private readonly int[]? _offsets32;

    /// <summary>Starts mirror descent at <paramref name="initial"/> (uniform when null) with step size <paramref name="eta"/>.</summary>
    public MirrorDescent(TabularGame game, double eta, TabularPolicy? initial = null)
        : this(game, eta, initial, PreferenceStorage.Float64)
    {
    }

    /// <summary>Starts mirror descent with the preferences kept in <paramref name="storage"/> (float32 halves the memory traffic; sums stay float64).</summary>
    public MirrorDescent(TabularGame game, double eta, TabularPolicy? initial, PreferenceStorage storage)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (!(eta > 0) || double.IsInfinity(eta))
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "eta must be a positive finite number");
        initial ??= TabularPolicy.Uniform(game);
        initial.EnsureMatches(game);
        _game = game;
        Eta = eta;
        _logPolicy = Enumerable.Range(0, game.Contexts.Count).Select(i => initial[i].Select(p => Math.Log(p)).ToArray()).ToArray();
        _policy = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _winRates = game.Contexts.Select(c => new double[c.Count]).ToArray();
        _nextLog = game.Contexts.Select(c => new double[c.Count]).ToArray();
        Regret = new RegretTracker(game);
        if (storage == PreferenceStorage.Float32)
            (_preference32, _offsets32) = PackFloat32(game);
        Storage = storage;
        for (int c = 0; c < _policy.Length; c++)
            Exponentiate(_logPolicy[c], _policy[c]);
    }

    /// <summary>The tuned step size <c>η = sqrt(8 ln n / T)</c> for horizon <paramref name="horizon"/>, with n the largest response set.</summary>
    public static double TunedEta(TabularGame game, int horizon)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        return Math.Sqrt(8 * Math.Log(Math.Max(2, game.MaxResponses)) / horizon);
    }

    /// <summary>How the preferences are stored for this run.</summary>
    public PreferenceStorage Storage { get; }

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>Iterations completed.</summary>
    public int Iteration => Regret.Iterations;

    /// <summary>Regret accounting and the average iterate.</summary>
    public RegretTracker Regret { get; }

    /// <summary>The current iterate <c>π_T</c>.</summary>
    public TabularPolicy Current => new(_policy.Select(p => Vector<double>.Build.Dense((double[])p.Clone())).ToArray());

    /// <summary>The log-probabilities of the current iterate, per context (a copy).</summary>
    public double[][] CurrentLog => _logPolicy.Select(l => (double[])l.Clone()).ToArray();

    /// <summary>The average iterate <c>π̄_T</c>.</summary>
    public TabularPolicy Average => Regret.AveragePolicy;

    /// <summary>One iteration over every context; returns its metrics.</summary>
    public MirrorDescentStep Step()
    {
        double dgLast = 0, kl = 0, entropy = 0;
        for (int c = 0; c < _game.Contexts.Count; c++)
        {
            var context = _game.Contexts[c];
            double w = context.Weight;
            double[] log = _logPolicy[c], pi = _policy[c], r = _winRates[c], next = _nextLog[c];
            if (_preference32 is null)
                Kernels.WinRates(context.PreferenceValues, pi.Length, pi, r);
            else
                Kernels.WinRates(_preference32.AsSpan(_offsets32![c], pi.Length * pi.Length), pi.Length, pi, r);
            dgLast += w * DualityGap.FromWinRates(r);
            Regret.Observe(c, pi, r);
            var (klStep, h) = Kernels.HedgeUpdate(log, r, Eta, next, pi);
            kl += w * klStep;
            entropy += w * h;
            // The new log-policy becomes current by swapping buffers, not copying.
            (_logPolicy[c], _nextLog[c]) = (next, log);
        }
        Regret.Advance();
        return new MirrorDescentStep(Iteration, dgLast, Regret.AverageDualityGap, Regret.AverageRegret, kl, entropy);
    }

    /// <summary>Restores a checkpointed state: the current log-policy and the regret sums.</summary>
    public void Restore(double[][] logPolicy, int iterations, double[][] winRateSums, double[][] policySums, double[] playedSums)
    {
        ArgumentNullException.ThrowIfNull(logPolicy);
        for (int c = 0; c < _logPolicy.Length; c++)
        {
            logPolicy[c].CopyTo(_logPolicy[c], 0);
            Exponentiate(_logPolicy[c], _policy[c]);
        }
        Regret.Restore(iterations, winRateSums, policySums, playedSums);
    }

    /// <summary>All contexts' matrices in one contiguous float32 block, so that many small contexts stream like one big one.</summary>
    private static (float[] Values, int[] Offsets) PackFloat32(TabularGame game)
    {
        var offsets = new int[game.Contexts.Count];
        long total = 0;
        for (int c = 0; c < offsets.Length; c++)
        {
            offsets[c] = checked((int)total);
            total += (long)game.Contexts[c].Count * game.Contexts[c].Count;
        }
        var values = new float[checked((int)total)];
        for (int c = 0; c < offsets.Length; c++)
        {
            var source = game.Contexts[c].PreferenceValues;
            for (int i = 0; i < source.Length; i++)
                values[offsets[c] + i] = (float)source[i];
        }
        return (values, offsets);
    }

    // The same vectorised exponential as the step, so a restored run continues bit for bit.
    private static void Exponentiate(double[] log, double[] p) => System.Numerics.Tensors.TensorPrimitives.Exp(log, p);
}
