using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rebel.Games.Linear;

/// <summary>
/// Dense numeric kernels shared by the exact tools; spans over column-major storage. The products <c>r = P π</c> split
/// the rows of P into blocks, one per thread: each row's sum runs over the columns in the same order whatever the
/// number of threads, so results are bit-identical from 1 to <see cref="ComputeThreads.Limit"/> threads (<see cref="RowBlocks"/>).
/// </summary>
internal static class Kernels
{
    /// <summary>Row blocks start at multiples of 16, a cache line of r per thread and whole vectors of both widths.</summary>
    internal const int RowAlignment = 16;

    /// <summary>
    /// Columns a float32 partial sum runs over before it is added into the float64 result: the sum of eight products
    /// in float32 has a relative error below 9u (u = 2⁻²⁴, the products' and π's rounding included), i.e. under 5.4e-7 of
    /// the win rate; the storage's own rounding of P is 0.5u.
    /// </summary>
    public const int SingleChunk = 8;

    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/>: one streaming pass over P, four columns at a time so that
    /// r is loaded and stored once per four columns. Accumulates in float64.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WinRates(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> pi, Span<double> r, int threads = 0)
    {
        Check(p.Length, n, pi.Length, r.Length);
        if (RowBlocks.Count(n, (long)n * sizeof(double), RowAlignment, threads) == 1)
            Rows(ref MemoryMarshal.GetReference(p), n, pi, r, 0, n);
        else
            Threaded(p, n, pi, r, threads);
    }

    // The threaded paths apart (never inlined), so that the closures they capture are allocated only when they run
    // (many small contexts call the products once each and must not allocate), and so that their pinned pointers do
    // not cost the one-thread path: a caller that inlined them zeroed and spilled stack slots on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Threaded(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> pi, Span<double> r, int threads)
    {
        fixed (double* pp = p, ppi = pi, pr = r)
        {
            nint at = (nint)pp, weights = (nint)ppi, result = (nint)pr;
            RowBlocks.For(n, (long)n * sizeof(double), (start, end) =>
                Rows(ref *(double*)at, n, new ReadOnlySpan<double>((double*)weights, n), new Span<double>((double*)result, n), start, end),
                RowAlignment, threads);
        }
    }

    /// <summary>
    /// <c>r = P π</c> for a column-major n×n <paramref name="p"/> stored in float32, read as float32: eight lanes per
    /// instruction, products of P and π rounded to float32 summed in float32 over <see cref="SingleChunk"/> columns, each
    /// partial sum widened into the float64 result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WinRates(ReadOnlySpan<float> p, int n, ReadOnlySpan<double> pi, Span<double> r, int threads = 0)
    {
        Check(p.Length, n, pi.Length, r.Length);
        if (RowBlocks.Count(n, (long)n * sizeof(float), RowAlignment, threads) == 1)
            Rows(ref MemoryMarshal.GetReference(p), n, pi, r, 0, n);
        else
            Threaded(p, n, pi, r, threads);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Threaded(ReadOnlySpan<float> p, int n, ReadOnlySpan<double> pi, Span<double> r, int threads)
    {
        fixed (float* pp = p)
        fixed (double* ppi = pi, pr = r)
        {
            nint at = (nint)pp, weights = (nint)ppi, result = (nint)pr;
            RowBlocks.For(n, (long)n * sizeof(float), (start, end) =>
                Rows(ref *(float*)at, n, new ReadOnlySpan<double>((double*)weights, n), new Span<double>((double*)result, n), start, end),
                RowAlignment, threads);
        }
    }

    /// <summary>
    /// The largest entry of a non-empty <paramref name="x"/> without NaN (win rates, logs of a policy), four lanes at a
    /// time in two accumulators: <c>TensorPrimitives.Max</c> took 1.2 µs for 1,000 entries, a tenth of a mirror-descent
    /// step's work besides the product. The machine's own maximum (one instruction; IEEE's, which orders −0 below +0 and
    /// propagates NaN, takes three dependent ones with AVX-512): of −0 and +0 it may return either.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Max(ReadOnlySpan<double> x)
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        var low = Vector256.Create(double.NegativeInfinity);
        var high = low;
        int i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            low = Vector256.MaxNative(low, Vector256.LoadUnsafe(ref x0, (nuint)i));
            high = Vector256.MaxNative(high, Vector256.LoadUnsafe(ref x0, (nuint)i + 4));
        }
        double best = HorizontalMax(Vector256.MaxNative(low, high));
        for (; i < x.Length; i++)
            best = double.MaxNative(best, x[i]);
        return best;
    }

    /// <summary>The largest of a vector's four lanes (without NaN; see <see cref="Max"/>).</summary>
    internal static double HorizontalMax(Vector256<double> v)
    {
        var pairs = Vector128.MaxNative(v.GetLower(), v.GetUpper());
        return double.MaxNative(pairs.GetElement(0), pairs.GetElement(1));
    }

    /// <summary>Index of the largest entry (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> x) => TensorPrimitives.IndexOfMax(x);

    /// <summary><c>Σ x_i y_i</c>.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

    private static void Check(int pLength, int n, int piLength, int rLength)
    {
        if (pLength < n * n || piLength < n || rLength < n)
            throw new ArgumentException("spans are shorter than n×n, n and n");
    }

    // Rows [start, end) of r = P π in float64, four columns per pass over r. Optimised from the first call: a run's
    // first hundreds of iterations would otherwise stream P through unoptimised tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows(ref double p0, int n, ReadOnlySpan<double> pi, Span<double> r, int start, int end)
    {
        ref double r0 = ref MemoryMarshal.GetReference(r);
        r[start..end].Clear();
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            ref double c0 = ref Unsafe.Add(ref p0, j * n);
            ref double c1 = ref Unsafe.Add(ref c0, n);
            ref double c2 = ref Unsafe.Add(ref c1, n);
            ref double c3 = ref Unsafe.Add(ref c2, n);
            double w0 = pi[j], w1 = pi[j + 1], w2 = pi[j + 2], w3 = pi[j + 3];
            Vector256<double> v0 = Vector256.Create(w0), v1 = Vector256.Create(w1), v2 = Vector256.Create(w2), v3 = Vector256.Create(w3);
            int i = start;
            for (; i + 4 <= end; i += 4)
            {
                nuint at = (nuint)i;
                var acc = Vector256.LoadUnsafe(ref r0, at);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c0, at), v0, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c1, at), v1, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c2, at), v2, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c3, at), v3, acc);
                acc.StoreUnsafe(ref r0, at);
            }
            for (; i < end; i++)
                Unsafe.Add(ref r0, i) += Unsafe.Add(ref c0, i) * w0 + Unsafe.Add(ref c1, i) * w1 + Unsafe.Add(ref c2, i) * w2 + Unsafe.Add(ref c3, i) * w3;
        }
        for (; j < n; j++)
            TensorPrimitives.MultiplyAdd(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref p0, j * n + start), end - start), pi[j], r[start..end], r[start..end]);
    }

    // Rows [start, end) of r = P π with float32 P and π: float32 sums over SingleChunk columns, added into float64 r
    // (the first chunk's stored). Each column's π is rounded as it is broadcast: a 16-response context spent a third of
    // its product filling a float32 copy of π and clearing r.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows(ref float p0, int n, ReadOnlySpan<double> pi, Span<double> r, int start, int end)
    {
        ref double r0 = ref MemoryMarshal.GetReference(r);
        ref double x0 = ref MemoryMarshal.GetReference(pi);
        if (n < SingleChunk)
            r[start..end].Clear();
        int j = 0;
        for (; j + SingleChunk <= n; j += SingleChunk)
        {
            ref float c0 = ref Unsafe.Add(ref p0, j * n);
            ref float c1 = ref Unsafe.Add(ref c0, n);
            ref float c2 = ref Unsafe.Add(ref c1, n);
            ref float c3 = ref Unsafe.Add(ref c2, n);
            ref float c4 = ref Unsafe.Add(ref c3, n);
            ref float c5 = ref Unsafe.Add(ref c4, n);
            ref float c6 = ref Unsafe.Add(ref c5, n);
            ref float c7 = ref Unsafe.Add(ref c6, n);
            var v0 = Vector256.Create((float)Unsafe.Add(ref x0, j));
            var v1 = Vector256.Create((float)Unsafe.Add(ref x0, j + 1));
            var v2 = Vector256.Create((float)Unsafe.Add(ref x0, j + 2));
            var v3 = Vector256.Create((float)Unsafe.Add(ref x0, j + 3));
            var v4 = Vector256.Create((float)Unsafe.Add(ref x0, j + 4));
            var v5 = Vector256.Create((float)Unsafe.Add(ref x0, j + 5));
            var v6 = Vector256.Create((float)Unsafe.Add(ref x0, j + 6));
            var v7 = Vector256.Create((float)Unsafe.Add(ref x0, j + 7));
            int i = start;
            for (; i + 8 <= end; i += 8)
            {
                nuint at = (nuint)i;
                var sum = Vector256.LoadUnsafe(ref c0, at) * v0;
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c1, at), v1, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c2, at), v2, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c3, at), v3, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c4, at), v4, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c5, at), v5, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c6, at), v6, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c7, at), v7, sum);
                var (lo, hi) = Vector256.Widen(sum);
                if (j > 0)
                {
                    lo += Vector256.LoadUnsafe(ref r0, at);
                    hi += Vector256.LoadUnsafe(ref r0, at + 4);
                }
                lo.StoreUnsafe(ref r0, at);
                hi.StoreUnsafe(ref r0, at + 4);
            }
            for (; i < end; i++)
            {
                float sum = Unsafe.Add(ref c0, i) * (float)pi[j];
                for (int k = 1; k < SingleChunk; k++)
                    sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref c0, k * n + i), (float)pi[j + k], sum);
                Unsafe.Add(ref r0, i) = j > 0 ? Unsafe.Add(ref r0, i) + sum : sum;
            }
        }
        for (; j < n; j++)
        {
            ref float c = ref Unsafe.Add(ref p0, j * n);
            float w = (float)pi[j];
            for (int i = start; i < end; i++)
                Unsafe.Add(ref r0, i) += Unsafe.Add(ref c, i) * w;
        }
    }
}
