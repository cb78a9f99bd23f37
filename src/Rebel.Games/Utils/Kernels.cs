using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Rebel.Games.Utils;

/// <summary>Dense numeric kernels shared by the exact tools; spans over column-major storage.</summary>
internal static class Kernels
{
    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/>: one streaming pass over P, four columns at a time so that
    /// r is loaded and stored once per four columns. Accumulates in float64.
    /// </summary>
    public static void WinRates(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> pi, Span<double> r)
    {
        r = r[..n];
        r.Clear();
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            ReadOnlySpan<double> c0 = p.Slice(j * n, n), c1 = p.Slice((j + 1) * n, n), c2 = p.Slice((j + 2) * n, n), c3 = p.Slice((j + 3) * n, n);
            double w0 = pi[j], w1 = pi[j + 1], w2 = pi[j + 2], w3 = pi[j + 3];
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> v0 = Vector256.Create(w0), v1 = Vector256.Create(w1), v2 = Vector256.Create(w2), v3 = Vector256.Create(w3);
                for (; i + 4 <= n; i += 4)
                {
                    var acc = Vector256.Create<double>(r.Slice(i, 4));
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create<double>(c0.Slice(i, 4)), v0, acc);
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create<double>(c1.Slice(i, 4)), v1, acc);
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create<double>(c2.Slice(i, 4)), v2, acc);
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create<double>(c3.Slice(i, 4)), v3, acc);
                    acc.CopyTo(r.Slice(i, 4));
                }
            }
            for (; i < n; i++)
                r[i] += c0[i] * w0 + c1[i] * w1 + c2[i] * w2 + c3[i] * w3;
        }
        for (; j < n; j++)
            TensorPrimitives.MultiplyAdd(p.Slice(j * n, n), pi[j], r, r);
    }

    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/> stored in float32: half the bytes per pass, every product
    /// and sum in float64 (each entry is widened exactly).
    /// </summary>
    public static void WinRates(ReadOnlySpan<float> p, int n, ReadOnlySpan<double> pi, Span<double> r)
    {
        r = r[..n];
        r.Clear();
        int j = 0;
        for (; j + 2 <= n; j += 2)
        {
            ReadOnlySpan<float> c0 = p.Slice(j * n, n), c1 = p.Slice((j + 1) * n, n);
            double w0 = pi[j], w1 = pi[j + 1];
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> v0 = Vector256.Create(w0), v1 = Vector256.Create(w1);
                for (; i + 8 <= n; i += 8)
                {
                    var (a0, b0) = Vector256.Widen(Vector256.Create<float>(c0.Slice(i, 8)));
                    var (a1, b1) = Vector256.Widen(Vector256.Create<float>(c1.Slice(i, 8)));
                    var lo = Vector256.Create<double>(r.Slice(i, 4));
                    var hi = Vector256.Create<double>(r.Slice(i + 4, 4));
                    lo = Vector256.FusedMultiplyAdd(a1, v1, Vector256.FusedMultiplyAdd(a0, v0, lo));
                    hi = Vector256.FusedMultiplyAdd(b1, v1, Vector256.FusedMultiplyAdd(b0, v0, hi));
                    lo.CopyTo(r.Slice(i, 4));
                    hi.CopyTo(r.Slice(i + 4, 4));
                }
            }
            for (; i < n; i++)
                r[i] += c0[i] * w0 + c1[i] * w1;
        }
        for (; j < n; j++)
        {
            ReadOnlySpan<float> c = p.Slice(j * n, n);
            for (int i = 0; i < n; i++)
                r[i] += c[i] * pi[j];
        }
    }

    /// <summary>
    /// One Hedge step in log space: <c>next = log + η r − logsumexp(log + η r)</c>, <c>π = exp(next)</c>. Returns
    /// <c>KL(π_next ‖ π)</c> and the entropy of π_next. Vectorised exponentials keep small contexts memory bound; a
    /// policy with zero entries (−∞ logs) takes the scalar path that defines <c>0 log 0 = 0</c>.
    /// </summary>
    public static (double KlStep, double Entropy) HedgeUpdate(ReadOnlySpan<double> log, ReadOnlySpan<double> r, double eta, Span<double> next, Span<double> pi)
    {
        TensorPrimitives.MultiplyAdd(r, eta, log, next);
        double max = TensorPrimitives.Max<double>(next);
        TensorPrimitives.Subtract(next, max, next);
        TensorPrimitives.Exp(next, pi);
        double logZ = Math.Log(TensorPrimitives.Sum<double>(pi));
        TensorPrimitives.Subtract(next, logZ, next);
        TensorPrimitives.Exp(next, pi);
        if (double.IsNegativeInfinity(TensorPrimitives.Min<double>(log)))
            return (KullbackLeibler(next, log), Entropy(pi));
        double kl = TensorPrimitives.Dot(pi, next) - TensorPrimitives.Dot(pi, log);
        return (kl, -TensorPrimitives.Dot(pi, next));
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
