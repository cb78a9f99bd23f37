using System.Numerics.Tensors;

namespace Rebel.Games.Utils;

/// <summary>Dense numeric kernels shared by the exact tools; spans over column-major storage.</summary>
internal static class Kernels
{
    /// <summary><c>r = P π</c> for a column-major n×n <paramref name="p"/>: one streaming pass over P.</summary>
    public static void WinRates(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> pi, Span<double> r)
    {
        r[..n].Clear();
        for (int j = 0; j < n; j++)
        {
            double w = pi[j];
            if (w != 0)
                TensorPrimitives.MultiplyAdd(p.Slice(j * n, n), w, r[..n], r[..n]);
        }
    }

    /// <summary>Index of the largest entry (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> x) => TensorPrimitives.IndexOfMax(x);

    /// <summary><c>Σ x_i y_i</c>.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

    /// <summary><c>log Σ exp(x_i)</c>, stable for large entries and for <c>-∞</c> entries.</summary>
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = TensorPrimitives.Max(x);
        if (double.IsNegativeInfinity(max))
            return max;
        double sum = 0;
        foreach (double v in x)
            sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>Shannon entropy of <paramref name="p"/> in nats, with <c>0 log 0 = 0</c>.</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (double v in p)
            if (v > 0)
                h -= v * Math.Log(v);
        return h;
    }

    /// <summary><c>KL(p ‖ q) = Σ p (log p − log q)</c> from log-probabilities, with <c>0 log 0 = 0</c>.</summary>
    public static double KullbackLeibler(ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ)
    {
        double kl = 0;
        for (int i = 0; i < logP.Length; i++)
        {
            double p = Math.Exp(logP[i]);
            if (p > 0)
                kl += p * (logP[i] - logQ[i]);
        }
        return kl;
    }
}
