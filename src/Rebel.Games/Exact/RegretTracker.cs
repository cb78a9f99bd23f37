using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Utils;

namespace Rebel.Games.Exact;

/// <summary>
/// Regret accounting for self-play on a tabular game. Observing <c>π_t</c> with its exact win rates
/// <c>r_t = P π_t</c> accumulates <c>Σ_t r_t</c>, <c>Σ_t ⟨π_t, r_t⟩</c> and <c>Σ_t π_t</c>. Because
/// <c>P π̄_T = (1/T) Σ_t r_t</c>, the average iterate's duality gap costs no extra pass over P.
/// <para>
/// A learner that does not need <c>r_t</c> (one that learns from samples) and is evaluated only every few iterations
/// observes the other iterates by their policies alone (<see cref="ObservePolicy"/>). The win-rate sums are then
/// incomplete, and the average's gap and regret come from one product <c>P π̄_T</c> when asked, with
/// <c>Σ_t ⟨π_t, P π_t⟩ = T/2</c> (every <c>P</c> satisfies <c>P + Pᵀ = 1</c>, so <c>⟨π, P π⟩ = ½</c>).
/// </para>
/// </summary>
public sealed class RegretTracker
{
    private readonly TabularGame _game;
    private readonly FlatLayout _layout;
    private readonly double[] _weights;
    private readonly double[] _cumulativeWinRates;
    private readonly double[] _cumulativePolicy;
    private readonly double[] _cumulativePlayed;
    private readonly double[] _bestAverage;
    private int _bestAverageAt = -1;

    /// <summary>Creates an empty tracker for <paramref name="game"/>.</summary>
    public RegretTracker(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        _game = game;
        _layout = new FlatLayout(game);
        _weights = game.Contexts.Select(c => c.Weight).ToArray();
        _cumulativeWinRates = new double[_layout.Length];
        _cumulativePolicy = new double[_layout.Length];
        _cumulativePlayed = new double[game.Contexts.Count];
        _bestAverage = new double[game.Contexts.Count];
    }

    /// <summary>Number of observed iterations T.</summary>
    public int Iterations { get; private set; }

    /// <summary>Adds iteration t of context <paramref name="context"/>: the policy played and its win rates. Call <see cref="Advance"/> after all contexts.</summary>
    public void Observe(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> winRates)
    {
        var r = _layout.Slice(_cumulativeWinRates, context);
        var p = _layout.Slice(_cumulativePolicy, context);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] += winRates[i];
            p[i] += policy[i];
        }
        _cumulativePlayed[context] += Kernels.Dot(policy, winRates);
    }

    /// <summary>
    /// Adds iteration t of context <paramref name="context"/> by its policy alone (its win rates were not computed):
    /// from then on the average's gap and regret are computed from <c>P π̄</c> (<see cref="WinRateSumsComplete"/> false).
    /// </summary>
    public void ObservePolicy(int context, ReadOnlySpan<double> policy)
    {
        var p = _layout.Slice(_cumulativePolicy, context);
        for (int i = 0; i < p.Length; i++)
            p[i] += policy[i];
        WinRateSumsComplete = false;
    }

    /// <summary>Whether every iterate was observed with its win rates, so that <c>Σ_t r_t</c> is complete.</summary>
    public bool WinRateSumsComplete { get; private set; } = true;

    /// <summary>Closes the current iteration.</summary>
    public void Advance() => Iterations++;

    /// <summary><c>Reg_T / T = E_x [ max_y Σ_t r_t(y) − Σ_t ⟨π_t, r_t⟩ ] / T</c>.</summary>
    public double AverageRegret
    {
        get
        {
            if (Iterations == 0)
                return 0;
            if (!WinRateSumsComplete)
                return AverageDualityGap / 2;
            double total = 0;
            for (int c = 0; c < _weights.Length; c++)
                total += _weights[c] * (BestWinRateSum(c) - _cumulativePlayed[c]);
            return total / Iterations;
        }
    }

    /// <summary>The duality gap of the average iterate <c>π̄_T</c>, from the running mean of the win rates.</summary>
    public double AverageDualityGap
    {
        get
        {
            if (Iterations == 0)
                return double.NaN;
            double total = 0;
            for (int c = 0; c < _weights.Length; c++)
                total += _weights[c] * 2 * ((WinRateSumsComplete ? BestWinRateSum(c) / Iterations : BestAverageWinRate(c)) - 0.5);
            return total;
        }
    }

    /// <summary>The average iterate <c>π̄_T = (1/T) Σ_{t&lt;T} π_t</c>.</summary>
    public TabularPolicy AveragePolicy
    {
        get
        {
            if (Iterations == 0)
                throw new InvalidOperationException("no iteration has been observed");
            return new TabularPolicy(_layout.ToJagged(_cumulativePolicy).Select(p => Normalised(p)).ToArray());
        }
    }

    /// <summary>The raw sums, for checkpoints (copies): per context <c>Σ r_t</c>, <c>Σ π_t</c>, and <c>Σ ⟨π_t, r_t⟩</c>.</summary>
    public (double[][] WinRates, double[][] Policy, double[] Played) Sums =>
        (_layout.ToJagged(_cumulativeWinRates), _layout.ToJagged(_cumulativePolicy), (double[])_cumulativePlayed.Clone());

    /// <summary>Restores the sums written by <see cref="Sums"/> (a resumed run continues bit for bit).</summary>
    /// <param name="iterations">T.</param>
    /// <param name="winRates">Per context <c>Σ r_t</c>.</param>
    /// <param name="policy">Per context <c>Σ π_t</c>.</param>
    /// <param name="played">Per context <c>Σ ⟨π_t, r_t⟩</c>.</param>
    /// <param name="winRateSumsComplete">What <see cref="WinRateSumsComplete"/> was when the sums were taken.</param>
    public void Restore(int iterations, double[][] winRates, double[][] policy, double[] played, bool winRateSumsComplete = true)
    {
        ArgumentNullException.ThrowIfNull(played);
        _layout.CopyFrom(winRates, _cumulativeWinRates, nameof(winRates));
        _layout.CopyFrom(policy, _cumulativePolicy, nameof(policy));
        played.CopyTo(_cumulativePlayed, 0);
        Iterations = iterations;
        WinRateSumsComplete = winRateSumsComplete;
        _bestAverageAt = -1;
    }

    /// <summary>Context <paramref name="c"/>'s <c>Σ r_t</c>, for a fused step that updates it in place.</summary>
    internal Span<double> WinRateSumsOf(int c) => _layout.Slice(_cumulativeWinRates, c);

    /// <summary>Context <paramref name="c"/>'s <c>Σ π_t</c>, for a fused step that updates it in place.</summary>
    internal Span<double> PolicySumsOf(int c) => _layout.Slice(_cumulativePolicy, c);

    /// <summary>Context <paramref name="c"/>'s <c>Σ ⟨π_t, r_t⟩</c>, for a fused step that updates it in place.</summary>
    internal ref double PlayedOf(int c) => ref _cumulativePlayed[c];

    private double BestWinRateSum(int c)
    {
        var r = _layout.Slice(_cumulativeWinRates, c);
        return r[Kernels.ArgMax(r)];
    }

    // max_y (P π̄)(y) of context c, from one product with the average policy (kept until the next iteration: the gap
    // and the regret ask for the same one).
    private double BestAverageWinRate(int c)
    {
        if (_bestAverageAt != Iterations)
        {
            Array.Fill(_bestAverage, double.NaN);
            _bestAverageAt = Iterations;
        }
        if (double.IsNaN(_bestAverage[c]))
            _bestAverage[c] = ComputeBestAverageWinRate(c);
        return _bestAverage[c];
    }

    private double ComputeBestAverageWinRate(int c)
    {
        var sums = _layout.Slice(_cumulativePolicy, c);
        var average = new double[sums.Length];
        double total = 0;
        foreach (double x in sums)
            total += x;
        for (int i = 0; i < average.Length; i++)
            average[i] = sums[i] / total;
        var winRates = new double[sums.Length];
        WinRate.Against(_game.Contexts[c], average, winRates);
        return winRates[Kernels.ArgMax(winRates)];
    }

    private static Vector<double> Normalised(double[] sum)
    {
        double total = sum.Sum();
        return Vector<double>.Build.Dense(sum.Length, i => sum[i] / total);
    }
}
