using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Utils;

namespace Rebel.Games.Exact;

/// <summary>
/// Exact self-play mirror descent (SPO with exact MD, i.e. Hedge on win rates):
/// <c>r_t = P π_t</c>, <c>π_{t+1} ∝ π_t · exp(η r_t)</c>, per context. The iterate lives in log space,
/// so a large η or 0/1 preferences only drive log-probabilities down, never to NaN. The log-policy is the only policy
/// state: <c>π_t</c> is always <c>exp</c> of it, so a restored run continues bit for bit.
/// </summary>
public sealed class MirrorDescent
{
    private readonly FlatLayout _layout;
    private readonly double[] _weights;
    private readonly double[] _logPolicy;
    private readonly double[] _referenceLog;
    private readonly MirrorDescentContextStep[] _contextSteps;
    private readonly double[][] _preference64;
    private readonly double[]? _packed64;
    private readonly float[]? _packed32;
    private readonly int[]? _packedOffsets;
    private readonly HedgeContextStep[] _hedgeSteps;
    private readonly bool _threadOverContexts;
    private Buffers[] _buffers;

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
        Eta = eta;
        _layout = new FlatLayout(game);
        _weights = game.Contexts.Select(c => c.Weight).ToArray();
        _logPolicy = new double[_layout.Length];
        for (int c = 0; c < _weights.Length; c++)
        {
            var log = _layout.Slice(_logPolicy, c);
            for (int i = 0; i < log.Length; i++)
                log[i] = Math.Log(initial[c][i]);
        }
        _referenceLog = (double[])_logPolicy.Clone();
        _contextSteps = new MirrorDescentContextStep[_weights.Length];
        _preference64 = game.Contexts.Select(c => c.PreferenceValues).ToArray();
        if (storage == PreferenceStorage.Float32)
            (_packed32, _packedOffsets) = Pack(game, v => (float)v);
        else if (game.MaxResponses * game.MaxResponses * sizeof(double) <= CachePrefetch.MaxBytes)
            (_packed64, _packedOffsets) = Pack(game, v => v);
        Storage = storage;
        _hedgeSteps = new HedgeContextStep[_weights.Length];
        // Many small contexts are spread over threads by context; a large one is spread by rows inside its product.
        long bytes = storage == PreferenceStorage.Float32 ? sizeof(float) : sizeof(double);
        _threadOverContexts = (long)game.MaxResponses * game.MaxResponses * bytes < RowBlocks.ParallelBytes
            && game.Contexts.Sum(c => (long)c.Count * c.Count) * bytes >= RowBlocks.ParallelBytes;
        _buffers = [new Buffers(game.MaxResponses)];
        Regret = new RegretTracker(game);
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
    public TabularPolicy Current
    {
        get
        {
            var policy = new Vector<double>[_weights.Length];
            for (int c = 0; c < policy.Length; c++)
            {
                var p = new double[_layout.Count(c)];
                Exponentiate(_layout.Slice(_logPolicy, c), p);
                policy[c] = Vector<double>.Build.Dense(p);
            }
            return new TabularPolicy(policy);
        }
    }

    /// <summary>The log-probabilities of the current iterate, per context (a copy).</summary>
    public double[][] CurrentLog => _layout.ToJagged(_logPolicy);

    /// <summary>The average iterate <c>π̄_T</c>.</summary>
    public TabularPolicy Average => Regret.AveragePolicy;

    /// <summary>Each context's share of the last <see cref="Step"/>, unweighted (all zero before the first).</summary>
    public ReadOnlySpan<MirrorDescentContextStep> ContextSteps => _contextSteps;

    /// <summary>
    /// One iteration over every context; returns its weighted metrics and leaves each context's in <see cref="ContextSteps"/>.
    /// Contexts are independent within a step, so they may run on several threads; the weighted sums are then formed in
    /// context order, and the result is the same bit for bit whatever <see cref="ComputeThreads.Limit"/> is.
    /// </summary>
    public MirrorDescentStep Step()
    {
        int count = _weights.Length;
        int blocks = _threadOverContexts ? Math.Min(ComputeThreads.Limit, count) : 1;
        if (blocks == 1)
            StepContexts(0, count, _buffers[0]);
        else
        {
            if (_buffers.Length < blocks)
                _buffers = [.. _buffers, .. Enumerable.Range(0, blocks - _buffers.Length).Select(_ => new Buffers(_buffers[0].Policy.Length))];
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = blocks }, b =>
                StepContexts((int)((long)count * b / blocks), (int)((long)count * (b + 1) / blocks), _buffers[b]));
        }
        double dgLast = 0, dgAverage = 0, regret = 0, kl = 0, entropy = 0;
        int iterations = Iteration + 1;
        for (int c = 0; c < count; c++)
        {
            var step = _hedgeSteps[c];
            double w = _weights[c];
            // The same expressions, in the same order, as RegretTracker.AverageDualityGap and AverageRegret after Advance.
            dgLast += w * 2 * (step.BestWinRate - 0.5);
            dgAverage += w * 2 * (step.BestWinRateSum / iterations - 0.5);
            regret += w * (step.BestWinRateSum - step.PlayedSum);
            kl += w * step.KlStep;
            entropy += w * step.Entropy;
        }
        Regret.Advance();
        return new MirrorDescentStep(Iteration, dgLast, dgAverage, regret / iterations, kl, entropy);
    }

    // Contexts [first, end): the product, the fused Hedge update, and each context's unweighted step.
    private void StepContexts(int first, int end, Buffers buffers)
    {
        for (int c = first; c < end; c++)
        {
            int n = _layout.Count(c);
            var log = _layout.Slice(_logPolicy, c);
            var pi = buffers.Policy.AsSpan(0, n);
            var r = buffers.WinRates.AsSpan(0, n);
            Exponentiate(log, pi);
            if (c + 1 < end)
                PrefetchPreference(c + 1);
            if (_packed32 is not null)
                Kernels.WinRates(_packed32.AsSpan(_packedOffsets![c], n * n), n, pi, r);
            else if (_packed64 is not null)
                Kernels.WinRates(_packed64.AsSpan(_packedOffsets![c], n * n), n, pi, r);
            else
                Kernels.WinRates(_preference64[c], n, pi, r);
            ref double played = ref Regret.PlayedOf(c);
            var step = FusedHedge.Update(log, pi, r, Eta, Regret.WinRateSumsOf(c), Regret.PolicySumsOf(c), played, _layout.Slice(_referenceLog, c), buffers.Scratch);
            played = step.PlayedSum;
            _hedgeSteps[c] = step;
            _contextSteps[c] = new MirrorDescentContextStep(step.BestWinRate, step.KlStep, step.Entropy, step.KlToReference);
        }
    }

    private void PrefetchPreference(int c)
    {
        int size = _layout.Count(c) * _layout.Count(c);
        if (_packed32 is not null)
            CachePrefetch.Block<float>(_packed32.AsSpan(_packedOffsets![c], size));
        else if (_packed64 is not null)
            CachePrefetch.Block<double>(_packed64.AsSpan(_packedOffsets![c], size));
        else
            CachePrefetch.Block<double>(_preference64[c]);
    }

    /// <summary>Restores a checkpointed state: the current log-policy and the regret sums.</summary>
    public void Restore(double[][] logPolicy, int iterations, double[][] winRateSums, double[][] policySums, double[] playedSums)
    {
        _layout.CopyFrom(logPolicy, _logPolicy, nameof(logPolicy));
        Regret.Restore(iterations, winRateSums, policySums, playedSums);
    }

    /// <summary>
    /// All contexts' matrices back to back in one block, so that many small contexts stream like one big one: always for
    /// float32 storage, and for float64 when every matrix is small enough to prefetch (larger ones stream well from the
    /// game's own arrays, and copying them would double the memory).
    /// </summary>
    private static (T[] Values, int[] Offsets) Pack<T>(TabularGame game, Func<double, T> convert)
    {
        var offsets = new int[game.Contexts.Count];
        long total = 0;
        for (int c = 0; c < offsets.Length; c++)
        {
            offsets[c] = checked((int)total);
            total += (long)game.Contexts[c].Count * game.Contexts[c].Count;
        }
        var values = new T[checked((int)total)];
        for (int c = 0; c < offsets.Length; c++)
        {
            var source = game.Contexts[c].PreferenceValues;
            for (int i = 0; i < source.Length; i++)
                values[offsets[c] + i] = convert(source[i]);
        }
        return (values, offsets);
    }

    // One exponential for the step and for Current, so that π is always the same function of the stored log.
    private static void Exponentiate(ReadOnlySpan<double> log, Span<double> p) => VectorExp.Exp(log, 0, p);

    // One thread's working vectors, each as long as the largest context.
    private sealed class Buffers(int n)
    {
        public double[] Policy { get; } = new double[n];

        public double[] WinRates { get; } = new double[n];

        public double[] Scratch { get; } = new double[n];
    }
}
