using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Regret accounting for self-play on a tabular game. Observing <c>π_t</c> with its exact win rates
/// <c>r_t = P π_t</c> accumulates <c>Σ_t r_t</c>, <c>Σ_t ⟨π_t, r_t⟩</c> and <c>Σ_t π_t</c>. Because
/// <c>P π̄_T = (1/T) Σ_t r_t</c>, the average iterate's duality gap costs no extra pass over P.
/// </summary>
public sealed class RegretTracker
{
    private readonly FlatLayout _layout;
    private readonly double[] _weights;
    private readonly double[] _cumulativeWinRates;
    private readonly double[] _cumulativePolicy;
    private readonly double[] _cumulativePlayed;

    /// <summary>Creates an empty tracker for <paramref name="game"/>.</summary>
    public RegretTracker(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        _layout = new FlatLayout(game);
        _weights = game.Contexts.Select(c => c.Weight).ToArray();
        _cumulativeWinRates = new double[_layout.Length];
        _cumulativePolicy = new double[_layout.Length];
        _cumulativePlayed = new double[game.Contexts.Count];
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

    /// <summary>Closes the current iteration.</summary>
    public void Advance() => Iterations++;

    /// <summary><c>Reg_T / T = E_x [ max_y Σ_t r_t(y) − Σ_t ⟨π_t, r_t⟩ ] / T</c>.</summary>
    public double AverageRegret
    {
        get
        {
            if (Iterations == 0)
                return 0;
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
                total += _weights[c] * 2 * (BestWinRateSum(c) / Iterations - 0.5);
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
    public void Restore(int iterations, double[][] winRates, double[][] policy, double[] played)
    {
        ArgumentNullException.ThrowIfNull(played);
        _layout.CopyFrom(winRates, _cumulativeWinRates, nameof(winRates));
        _layout.CopyFrom(policy, _cumulativePolicy, nameof(policy));
        played.CopyTo(_cumulativePlayed, 0);
        Iterations = iterations;
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

    private static Vector<double> Normalised(double[] sum)
    {
        double total = sum.Sum();
        return Vector<double>.Build.Dense(sum.Length, i => sum[i] / total);
    }
}
