using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rebel.Games.Utils;

/// <summary>Dense numeric kernels shared by the exact tools; spans over column-major storage.</summary>
internal static class Kernels
{
    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/>: one streaming pass over P, four columns at a time so that
    /// r is loaded and stored once per four columns. Accumulates in float64. Unchecked loads after one length check keep
    /// the per-call overhead small enough for many tiny contexts.
    /// </summary>
    public static void WinRates(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> pi, Span<double> r)
    {
        if (p.Length < n * n || pi.Length < n || r.Length < n)
            throw new ArgumentException("spans are shorter than n×n, n and n");
        ref double p0 = ref MemoryMarshal.GetReference(p);
        ref double r0 = ref MemoryMarshal.GetReference(r);
        r[..n].Clear();
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            ref double c0 = ref Unsafe.Add(ref p0, j * n);
            ref double c1 = ref Unsafe.Add(ref c0, n);
            ref double c2 = ref Unsafe.Add(ref c1, n);
            ref double c3 = ref Unsafe.Add(ref c2, n);
            double w0 = pi[j], w1 = pi[j + 1], w2 = pi[j + 2], w3 = pi[j + 3];
            Vector256<double> v0 = Vector256.Create(w0), v1 = Vector256.Create(w1), v2 = Vector256.Create(w2), v3 = Vector256.Create(w3);
            int i = 0;
            for (; i + 4 <= n; i += 4)
            {
                nuint at = (nuint)i;
                var acc = Vector256.LoadUnsafe(ref r0, at);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c0, at), v0, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c1, at), v1, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c2, at), v2, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c3, at), v3, acc);
                acc.StoreUnsafe(ref r0, at);
            }
            for (; i < n; i++)
                Unsafe.Add(ref r0, i) += Unsafe.Add(ref c0, i) * w0 + Unsafe.Add(ref c1, i) * w1 + Unsafe.Add(ref c2, i) * w2 + Unsafe.Add(ref c3, i) * w3;
        }
        for (; j < n; j++)
            TensorPrimitives.MultiplyAdd(p.Slice(j * n, n), pi[j], r[..n], r[..n]);
    }

    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/> stored in float32: half the bytes per pass, every product
    /// and sum in float64 (each entry is widened exactly).
    /// </summary>
    public static void WinRates(ReadOnlySpan<float> p, int n, ReadOnlySpan<double> pi, Span<double> r)
    {
        if (p.Length < n * n || pi.Length < n || r.Length < n)
            throw new ArgumentException("spans are shorter than n×n, n and n");
        ref float p0 = ref MemoryMarshal.GetReference(p);
        ref double r0 = ref MemoryMarshal.GetReference(r);
        r[..n].Clear();
        int j = 0;
        for (; j + 2 <= n; j += 2)
        {
            ref float c0 = ref Unsafe.Add(ref p0, j * n);
            ref float c1 = ref Unsafe.Add(ref c0, n);
            double w0 = pi[j], w1 = pi[j + 1];
            Vector256<double> v0 = Vector256.Create(w0), v1 = Vector256.Create(w1);
            int i = 0;
            for (; i + 8 <= n; i += 8)
            {
                nuint at = (nuint)i;
                var (a0, b0) = Vector256.Widen(Vector256.LoadUnsafe(ref c0, at));
                var (a1, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref c1, at));
                var lo = Vector256.LoadUnsafe(ref r0, at);
                var hi = Vector256.LoadUnsafe(ref r0, at + 4);
                Vector256.FusedMultiplyAdd(a1, v1, Vector256.FusedMultiplyAdd(a0, v0, lo)).StoreUnsafe(ref r0, at);
                Vector256.FusedMultiplyAdd(b1, v1, Vector256.FusedMultiplyAdd(b0, v0, hi)).StoreUnsafe(ref r0, at + 4);
            }
            for (; i < n; i++)
                Unsafe.Add(ref r0, i) += Unsafe.Add(ref c0, i) * w0 + Unsafe.Add(ref c1, i) * w1;
        }
        for (; j < n; j++)
        {
            ref float c = ref Unsafe.Add(ref p0, j * n);
            for (int i = 0; i < n; i++)
                Unsafe.Add(ref r0, i) += Unsafe.Add(ref c, i) * pi[j];
        }
    }

    /// <summary>Index of the largest entry (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> x) => TensorPrimitives.IndexOfMax(x);

    /// <summary><c>Σ x_i y_i</c>.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);
}
