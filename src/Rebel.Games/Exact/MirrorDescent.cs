using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Exact self-play mirror descent (SPO with exact MD, i.e. Hedge on win rates):
/// <c>r_t = P π_t</c>, <c>π_{t+1} ∝ π_t · exp(η r_t)</c>, per context. The iterate lives in log space,
/// so a large η or 0/1 preferences only drive log-probabilities down, never to NaN. The log-policy, known up to a
/// constant per context, is the only policy state: <c>π_t</c> is always <c>exp(u) / Σ exp(u)</c> of it, formed by one
/// arithmetic (<see cref="FusedHedge.Policy"/>), so a restored run continues bit for bit.
/// </summary>
public sealed class MirrorDescent
{
    private readonly FlatLayout _layout;
    private readonly double[] _weights;
    private readonly double[] _logPolicy;
    private readonly double[] _referenceLog;
    // ln Σ exp(u) of each context's log-policy u: the step's KL needs the old policy's normaliser.
    private readonly double[] _logNormalisers;
    private readonly MirrorDescentContextStep[] _contextSteps;
    private readonly double[][] _preference64;
    // Contexts too large for cache whose stored pairs are complementary: their product reads half of P (ReadsTriangle).
    private readonly bool[] _complementary;
    private readonly double[]? _packed64;
    private readonly float[]? _packed32;
    private readonly int[]? _packedOffsets;
    // π_T and r_T = P π_T of every context, kept from the end of one step to the start of the next.
    private readonly double[] _policy;
    private readonly double[] _winRates;
    private bool _evaluated;
    private readonly HedgeContextStep[] _hedgeSteps;
    private readonly double[] _best;
    private readonly bool _threadOverContexts;
    // Per thread that steps contexts, room for the exponentials of Batch contexts.
    private double[][] _scratch;
    private const int Batch = 4;

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
        _logNormalisers = new double[_weights.Length];
        _contextSteps = new MirrorDescentContextStep[_weights.Length];
        _preference64 = game.Contexts.Select(c => c.PreferenceValues).ToArray();
        if (storage == PreferenceStorage.Float32)
            (_packed32, _packedOffsets) = Pack(game, v => (float)v);
        else if (game.MaxResponses * game.MaxResponses * sizeof(double) <= CachePrefetch.MaxBytes)
            (_packed64, _packedOffsets) = Pack(game, v => v);
        Storage = storage;
        _complementary = game.Contexts.Select((c, k) => ReadsTriangle(c.Count, storage) && (_packed32 is not null
            ? ComplementaryKernel.Holds<float>(_packed32.AsSpan(_packedOffsets![k], c.Count * c.Count), c.Count)
            : _packed64 is null && c.ComplementaryPairs)).ToArray();
        _policy = new double[_layout.Length];
        _winRates = new double[_layout.Length];
        _hedgeSteps = new HedgeContextStep[_weights.Length];
        _best = new double[_weights.Length];
        // Many small contexts are spread over threads by context; a large one is spread by rows inside its product.
        long bytes = storage == PreferenceStorage.Float32 ? sizeof(float) : sizeof(double);
        _threadOverContexts = (long)game.MaxResponses * game.MaxResponses * bytes < RowBlocks.ParallelBytes
            && game.Contexts.Sum(c => (long)c.Count * c.Count) * bytes >= RowBlocks.ParallelBytes;
        _scratch = [new double[Batch * game.MaxResponses]];
        Regret = new RegretTracker(game);
    }

    /// <summary>
    /// Whether a context of <paramref name="n"/> responses in <paramref name="storage"/> has its product read from the
    /// upper triangle when its pairs are complementary (<see cref="ComplementaryKernel.Pays"/>).
    /// </summary>
    internal static bool ReadsTriangle(int n, PreferenceStorage storage) =>
        ComplementaryKernel.Pays(n, storage == PreferenceStorage.Float32 ? sizeof(float) : sizeof(double));

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
                FusedHedge.Policy(_layout.Slice(_logPolicy, c), p);
                policy[c] = Vector<double>.Build.Dense(p);
            }
            return new TabularPolicy(policy);
        }
    }

    /// <summary>The log-probabilities of the current iterate, per context (a copy).</summary>
    public double[][] CurrentLog
    {
        get
        {
            var logs = _layout.ToJagged(_logPolicy);
            foreach (var log in logs)
            {
                double normaliser = FusedHedge.Policy(log, new double[log.Length]);
                for (int i = 0; i < log.Length; i++)
                    log[i] -= normaliser;
            }
            return logs;
        }
    }

    /// <summary>
    /// The policy state, per context (a copy): <see cref="CurrentLog"/> plus a constant per context (after a step, the
    /// largest entry is 0). This is what a checkpoint keeps and <see cref="Restore"/> takes back, bit for bit.
    /// </summary>
    public double[][] CurrentLogWeights => _layout.ToJagged(_logPolicy);

    /// <summary>The average iterate <c>π̄_T</c>.</summary>
    public TabularPolicy Average => Regret.AveragePolicy;

    /// <summary>Each context's share of the last <see cref="Step"/>, unweighted (all zero before the first).</summary>
    public ReadOnlySpan<MirrorDescentContextStep> ContextSteps => _contextSteps;

    /// <summary>
    /// One iteration over every context; returns its weighted metrics and leaves each context's in <see cref="ContextSteps"/>.
    /// <c>dg_last</c> is that of the new iterate <c>π_{T}</c> (the one <see cref="Current"/> returns): its win rates
    /// <c>r_{T} = P π_{T}</c> are computed at the end of the step and kept for the next, so every step is still one pass
    /// over each matrix (the first step, and the first after <see cref="Restore"/>, make one more). Contexts are
    /// independent within a step, so many small ones run on several threads; the weighted sums are then formed in
    /// context order, and the result is the same bit for bit whatever <see cref="ComputeThreads.Limit"/> is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MirrorDescentStep Step()
    {
        int count = _weights.Length;
        if (!_evaluated)
            ForContexts((first, end, _) =>
            {
                for (int c = first; c < end; c++)
                {
                    _logNormalisers[c] = FusedHedge.Policy(_layout.Slice(_logPolicy, c), _layout.Slice(_policy, c));
                    Evaluate(c);
                }
            });
        ForContexts(StepContexts);
        _evaluated = true;
        double dgLast = 0, dgAverage = 0, regret = 0, kl = 0, entropy = 0;
        int iterations = Iteration + 1;
        for (int c = 0; c < count; c++)
        {
            var step = _hedgeSteps[c];
            double w = _weights[c];
            // The same expressions, in the same order, as RegretTracker.AverageDualityGap and AverageRegret after Advance.
            dgLast += w * 2 * (_best[c] - 0.5);
            dgAverage += w * 2 * (step.BestWinRateSum / iterations - 0.5);
            regret += w * (step.BestWinRateSum - step.PlayedSum);
            kl += w * step.KlStep;
            entropy += w * step.Entropy;
        }
        Regret.Advance();
        return new MirrorDescentStep(Iteration, dgLast, dgAverage, regret / iterations, kl, entropy);
    }

    // Runs work(first, end, scratch) over every context: on this thread, or over contiguous blocks on several.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForContexts(Action<int, int, double[]> work)
    {
        int count = _weights.Length;
        int blocks = _threadOverContexts ? Math.Min(ComputeThreads.Limit, count) : 1;
        if (blocks == 1)
        {
            work(0, count, _scratch[0]);
            return;
        }
        if (_scratch.Length < blocks)
            _scratch = [.. _scratch, .. Enumerable.Range(0, blocks - _scratch.Length).Select(_ => new double[_scratch[0].Length])];
        ForkJoin.Run(blocks, b =>
        {
            var (first, end) = RowBlocks.Block(count, blocks, b, 1);
            if (first < end)
                work(first, end, _scratch[b]);
        });
    }

    // Contexts [first, end): the fused Hedge update from the kept π_T and r_T, then π_{T+1} and its win rates, Batch
    // contexts at a time and phase by phase. One context's step is a chain of dependent work (a pass, the exponentials
    // and their sum, a logarithm, the product and its maximum) during which the core mostly waits; the same phase of a
    // few independent contexts side by side keeps it busy (a 16-response float32 context: ~90 → ~66 ns a thread). The
    // arithmetic of each context is unchanged. This and the kernels it calls are optimised from the first call: tier-0
    // code made a 1000-step run at n = 1000 60 % slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepContexts(int first, int end, double[] scratch)
    {
        Span<HedgeAdvance> advanced = stackalloc HedgeAdvance[Batch];
        Span<double> sums = stackalloc double[Batch];
        Span<double> logs = stackalloc double[Batch];
        int stride = scratch.Length / Batch;
        for (int start = first; start < end; start += Batch)
        {
            int count = Math.Min(Batch, end - start);
            for (int c = start + Batch; c < Math.Min(end, start + 2 * Batch); c++)
                PrefetchPreference(c);
            for (int k = 0; k < count; k++)
            {
                int c = start + k;
                advanced[k] = FusedHedge.Advance(_layout.Slice(_logPolicy, c), _layout.Slice(_policy, c), _layout.Slice(_winRates, c), Eta,
                    Regret.WinRateSumsOf(c), Regret.PolicySumsOf(c));
            }
            for (int k = 0; k < count; k++)
            {
                int c = start + k;
                sums[k] = VectorExp.Exp(_layout.Slice(_logPolicy, c), advanced[k].Top, scratch.AsSpan(k * stride, _layout.Count(c)));
            }
            for (int k = 0; k < count; k++)
                logs[k] = Math.Log(sums[k]);
            for (int k = 0; k < count; k++)
            {
                int c = start + k;
                ref double played = ref Regret.PlayedOf(c);
                var step = FusedHedge.Finish(_layout.Slice(_logPolicy, c), _layout.Slice(_policy, c), _layout.Slice(_winRates, c), Eta, advanced[k], sums[k],
                    logs[k], ref _logNormalisers[c], scratch.AsSpan(k * stride, _layout.Count(c)), _layout.Slice(_referenceLog, c), played);
                played = step.PlayedSum;
                _hedgeSteps[c] = step;
            }
            for (int c = start; c < start + count; c++)
            {
                _best[c] = Evaluate(c);
                var step = _hedgeSteps[c];
                _contextSteps[c] = new MirrorDescentContextStep(_best[c], step.KlStep, step.Entropy, step.KlToReference);
            }
        }
    }

    /// <summary>Context <paramref name="c"/>'s <c>r = P π</c> of the kept policy into the kept buffer; returns <c>max_y r(y)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Evaluate(int c)
    {
        int n = _layout.Count(c);
        var pi = _layout.Slice(_policy, c);
        var r = _layout.Slice(_winRates, c);
        if (_packed32 is not null && _complementary[c])
            ComplementaryKernel.WinRates<float>(_packed32.AsSpan(_packedOffsets![c], n * n), n, pi, r);
        else if (_packed32 is not null)
            Kernels.WinRates(_packed32.AsSpan(_packedOffsets![c], n * n), n, pi, r);
        else if (_packed64 is not null)
            Kernels.WinRates(_packed64.AsSpan(_packedOffsets![c], n * n), n, pi, r);
        else if (_complementary[c])
            ComplementaryKernel.WinRates<double>(_preference64[c], n, pi, r);
        else
            Kernels.WinRates(_preference64[c], n, pi, r);
        return Kernels.Max(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Restores a checkpointed state: the current log-policy as <see cref="CurrentLogWeights"/> gives it (normalised
    /// log-probabilities serve too) and the regret sums.
    /// </summary>
    public void Restore(double[][] logPolicy, int iterations, double[][] winRateSums, double[][] policySums, double[] playedSums)
    {
        _layout.CopyFrom(logPolicy, _logPolicy, nameof(logPolicy));
        Regret.Restore(iterations, winRateSums, policySums, playedSums);
        _evaluated = false;
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
}
