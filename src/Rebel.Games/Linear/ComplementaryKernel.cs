using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rebel.Games.Linear;

/// <summary>
/// <c>r = P π</c> reading only the strict upper triangle of a column-major preference matrix whose pairs are
/// complementary, <c>P_ji = 1 − P_ij</c> (every preference game's, to the stored precision): half the memory traffic of
/// the full product. With <c>A_i = Σ_{j&gt;i} P_ij π_j</c>, <c>S_i = Σ_{j&lt;i} π_j</c> and <c>D_i = Σ_{j&lt;i} P_ji π_j</c>,
/// <c>r_i = π_i / 2 + A_i + S_i − D_i</c>; column c's upper segment (rows below c) feeds both <c>A[0..c) += P[·, c] π_c</c>
/// and the dot <c>D_c</c>, so it is read once. Columns are cut into a fixed number of bands of equal area whatever the
/// number of threads; each band sums into its own partial A, and the partials are added in band order, so results
/// are bit-identical from 1 to any number of threads.
/// </summary>
internal static class ComplementaryKernel
{
    /// <summary>
    /// Whether reading the triangle pays for an n × n matrix of <paramref name="bytes"/>-byte entries: from 2.5 MiB, once the
    /// matrix no longer fits the cores' L2 caches (2 × 1 MiB here) and the full product waits on L3 or memory. Measured
    /// with both cores (bench/RESULTS.md): float64 from n ≈ 600, float32 from n ≈ 800; below, the full product's
    /// simpler loop wins.
    /// </summary>
    public static bool Pays(int n, int bytes) => (long)n * n * bytes >= 5L << 19;

    /// <summary>
    /// <c>r = P π</c> for a context's stored matrix: from the triangle when that pays and its pairs are complementary
    /// (<see cref="GameContext.ComplementaryPairs"/>, checked once per context), else the full product.
    /// </summary>
    public static void WinRates(GameContext context, ReadOnlySpan<double> pi, Span<double> r)
    {
        int n = context.Count;
        if (Pays(n, sizeof(double)) && context.ComplementaryPairs)
            WinRates<double>(context.PreferenceValues, n, pi, r);
        else
            Kernels.WinRates(context.PreferenceValues, n, pi, r);
    }

    /// <summary>Bands of columns (a fixed count, so that the sums' order never depends on the threads).</summary>
    private const int Bands = 8;

    /// <summary>Columns per pass of the float32 loop (and two of the float64 loop's).</summary>
    private const int Group = 8;

    [ThreadStatic]
    private static double[]? _scratch;

    [ThreadStatic]
    private static float[]? _single;

    /// <summary>
    /// Whether every pair of the column-major n × n <paramref name="p"/> sums to 1, and the diagonal is ½, within the
    /// storage's rounding: 2^-51 in float64 (two units in the last place of 1); 2^-24 in float32, which a float64 game
    /// with complementary pairs meets after rounding (each entry moves by at most 2^-25).
    /// </summary>
    public static bool Holds<T>(ReadOnlySpan<T> p, int n)
        where T : unmanaged
    {
        double tolerance = typeof(T) == typeof(float) ? 1.0 / (1 << 24) : 4.440892098500626e-16;
        ref T p0 = ref MemoryMarshal.GetReference(p);
        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(Read(ref p0, j * n + j) - 0.5) > tolerance)
                return false;
        }
        // Tile by tile, so that the transposed reads stay in cache: a 64 × 64 tile and its mirror image.
        const int Tile = 64;
        for (int j0 = 0; j0 < n; j0 += Tile)
        {
            for (int i0 = 0; i0 <= j0; i0 += Tile)
            {
                for (int j = j0; j < Math.Min(n, j0 + Tile); j++)
                {
                    for (int i = i0; i < Math.Min(j, i0 + Tile); i++)
                    {
                        if (Math.Abs(Read(ref p0, j * n + i) + Read(ref p0, i * n + j) - 1) > tolerance)
                            return false;
                    }
                }
            }
        }
        return true;
    }

    /// <summary>
    /// <c>r = P π</c> from the strict upper triangle of the column-major n × n <paramref name="p"/> (see the type).
    /// float64 storage sums in float64. float32 storage is read as float32 (eight lanes) with π rounded to float32, as
    /// <see cref="Kernels"/> does: a row's products with a group of eight columns' weights, and each lane's dot over
    /// <see cref="Kernels.SingleChunk"/> steps, are summed in float32 (eight products each) and widened into the float64 sums — non-negative
    /// terms, so relative error below 9u (u = 2⁻²⁴), at most 5.4e-7 of a win rate; <c>1 − P_ji</c> stands for
    /// <c>P_ij</c> within the storage's own rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void WinRates<T>(ReadOnlySpan<T> p, int n, ReadOnlySpan<double> pi, Span<double> r, int threads = 0)
        where T : unmanaged
    {
        if (p.Length < n * n || pi.Length < n || r.Length < n)
            throw new ArgumentException("spans are shorter than n×n, n and n");
        int bands = (long)n * n / 2 * sizeof(T) >= RowBlocks.ParallelBytes ? Bands : 1;
        // Partial A of each band, then D: one buffer per calling thread.
        int length = (bands + 1) * n;
        if (_scratch is null || _scratch.Length < length)
            _scratch = new double[length];
        double[] scratch = _scratch;
        float[]? single = typeof(T) == typeof(float) ? Single(pi, n) : null;
        fixed (T* pp = p)
        fixed (double* ppi = pi, ps = scratch)
        fixed (float* pps = single)
        {
            var (p0, pi0, s0, ps0) = ((nint)pp, (nint)ppi, (nint)ps, (nint)pps);
            // Bands have equal areas, so each thread takes an equal run of them.
            int workers = Math.Min(bands, threads == 0 ? ComputeThreads.Limit : threads);
            if (workers == 1)
            {
                for (int b = 0; b < bands; b++)
                    Band<T>(p0, pi0, ps0, s0, n, bands, b);
            }
            else
            {
                ForkJoin.Run(workers, w =>
                {
                    for (int b = w * bands / workers; b < (w + 1) * bands / workers; b++)
                        Band<T>(p0, pi0, ps0, s0, n, bands, b);
                });
            }
        }
        // r_i = π_i / 2 + the bands' partial A_i in band order (band b holds rows below its end column), then + S_i − D_i.
        TensorPrimitives.Multiply(pi[..n], 0.5, r[..n]);
        for (int b = 0; b < bands; b++)
        {
            int end = End(n, bands, b);
            TensorPrimitives.Add(r[..end], scratch.AsSpan(b * n, end), r[..end]);
        }
        var d = scratch.AsSpan(bands * n, n);
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            r[i] = r[i] + s - d[i];
            s += pi[i];
        }
    }

    /// <summary>
    /// π rounded to float32, for the float32 triangle, in a buffer of the calling thread; valid until that thread's
    /// next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] Single(ReadOnlySpan<double> pi, int n)
    {
        if (_single is null || _single.Length < n)
            _single = new float[Math.Max(n, 64)];
        float[] single = _single;
        ref double from = ref MemoryMarshal.GetReference(pi);
        ref float to = ref MemoryMarshal.GetArrayDataReference(single);
        int j = 0;
        for (; j + 8 <= n; j += 8)
            Vector256.Narrow(Vector256.LoadUnsafe(ref from, (nuint)j), Vector256.LoadUnsafe(ref from, (nuint)j + 4)).StoreUnsafe(ref to, (nuint)j);
        for (; j < n; j++)
            single[j] = (float)pi[j];
        return single;
    }

    // First column of band b: equal areas of the triangle, c_b = n·sqrt(b / bands), rounded down to a whole group of
    // columns so that only the last band has columns left over for the one-at-a-time loop.
    private static int Start(int n, int bands, int b) => b == 0 ? 0 : (int)(n * Math.Sqrt((double)b / bands)) / Group * Group;

    private static int End(int n, int bands, int b) => b == bands - 1 ? n : Start(n, bands, b + 1);

    private static unsafe void Band<T>(nint p, nint pi, nint single, nint scratch, int n, int bands, int b)
        where T : unmanaged
    {
        int start = Start(n, bands, b), end = End(n, bands, b);
        var partial = new Span<double>((double*)scratch + (long)b * n, end);
        partial.Clear();
        var piSpan = new ReadOnlySpan<double>((double*)pi, n);
        var d = new Span<double>((double*)scratch + (long)bands * n, n);
        if (typeof(T) == typeof(float))
            ColumnsSingle(ref *(float*)p, n, piSpan, new ReadOnlySpan<float>((float*)single, n), partial, d, start, end);
        else
            Columns(ref *(double*)p, n, piSpan, partial, d, start, end);
    }

    // Columns [start, end): A[0..c) += P[0..c, c] π_c and D_c = Σ_{k<c} P_kc π_k, four columns per pass over their
    // common rows (eight at a time) so that A is loaded and stored once per four columns.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns(ref double p0, int n, ReadOnlySpan<double> pi, Span<double> a, Span<double> d, int start, int end)
    {
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double x0 = ref MemoryMarshal.GetReference(pi);
        int c = start;
        for (; c + 4 <= end; c += 4)
        {
            ref double k0 = ref Unsafe.Add(ref p0, (nint)c * n);
            ref double k1 = ref Unsafe.Add(ref k0, n);
            ref double k2 = ref Unsafe.Add(ref k1, n);
            ref double k3 = ref Unsafe.Add(ref k2, n);
            var w0 = Vector256.Create(pi[c]);
            var w1 = Vector256.Create(pi[c + 1]);
            var w2 = Vector256.Create(pi[c + 2]);
            var w3 = Vector256.Create(pi[c + 3]);
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            int i = 0;
            for (; i + 8 <= c; i += 8)
            {
                nuint at = (nuint)i;
                var lo = Vector256.LoadUnsafe(ref a0, at);
                var hi = Vector256.LoadUnsafe(ref a0, at + 4);
                var xl = Vector256.LoadUnsafe(ref x0, at);
                var xh = Vector256.LoadUnsafe(ref x0, at + 4);
                var (el, eh) = Load8(ref k0, at);
                lo = Vector256.FusedMultiplyAdd(el, w0, lo);
                hi = Vector256.FusedMultiplyAdd(eh, w0, hi);
                d0 = Vector256.FusedMultiplyAdd(eh, xh, Vector256.FusedMultiplyAdd(el, xl, d0));
                (el, eh) = Load8(ref k1, at);
                lo = Vector256.FusedMultiplyAdd(el, w1, lo);
                hi = Vector256.FusedMultiplyAdd(eh, w1, hi);
                d1 = Vector256.FusedMultiplyAdd(eh, xh, Vector256.FusedMultiplyAdd(el, xl, d1));
                (el, eh) = Load8(ref k2, at);
                lo = Vector256.FusedMultiplyAdd(el, w2, lo);
                hi = Vector256.FusedMultiplyAdd(eh, w2, hi);
                d2 = Vector256.FusedMultiplyAdd(eh, xh, Vector256.FusedMultiplyAdd(el, xl, d2));
                (el, eh) = Load8(ref k3, at);
                lo = Vector256.FusedMultiplyAdd(el, w3, lo);
                hi = Vector256.FusedMultiplyAdd(eh, w3, hi);
                d3 = Vector256.FusedMultiplyAdd(eh, xh, Vector256.FusedMultiplyAdd(el, xl, d3));
                lo.StoreUnsafe(ref a0, at);
                hi.StoreUnsafe(ref a0, at + 4);
            }
            Span<double> sums = [Vector256.Sum(d0), Vector256.Sum(d1), Vector256.Sum(d2), Vector256.Sum(d3)];
            Finish(ref k0, n, pi, a, d, c, i, sums);
        }
        Remaining(ref p0, n, pi, a, d, c, end);
    }

    // Columns [start, end) of float32 storage, a group of eight per pass over their common rows: the eight products of
    // a row are summed in float32 and widened once into A, and each column's dot runs in float32 lanes over
    // SingleChunk steps before it is widened into float64 (the type's summary).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnsSingle(ref float p0, int n, ReadOnlySpan<double> pi, ReadOnlySpan<float> single, Span<double> a, Span<double> d, int start, int end)
    {
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref float x0 = ref MemoryMarshal.GetReference(single);
        Span<double> sums = stackalloc double[Group];
        int c = start;
        for (; c + Group <= end; c += Group)
        {
            ref float k0 = ref Unsafe.Add(ref p0, (nint)c * n);
            ref float k1 = ref Unsafe.Add(ref k0, n);
            ref float k2 = ref Unsafe.Add(ref k1, n);
            ref float k3 = ref Unsafe.Add(ref k2, n);
            ref float k4 = ref Unsafe.Add(ref k3, n);
            ref float k5 = ref Unsafe.Add(ref k4, n);
            ref float k6 = ref Unsafe.Add(ref k5, n);
            ref float k7 = ref Unsafe.Add(ref k6, n);
            var w0 = Vector256.Create(single[c]);
            var w1 = Vector256.Create(single[c + 1]);
            var w2 = Vector256.Create(single[c + 2]);
            var w3 = Vector256.Create(single[c + 3]);
            var w4 = Vector256.Create(single[c + 4]);
            var w5 = Vector256.Create(single[c + 5]);
            var w6 = Vector256.Create(single[c + 6]);
            var w7 = Vector256.Create(single[c + 7]);
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
            int i = 0;
            while (i + 8 <= c)
            {
                Vector256<float> q0 = default, q1 = default, q2 = default, q3 = default, q4 = default, q5 = default, q6 = default, q7 = default;
                int stop = Math.Min(c - 7, i + 8 * Kernels.SingleChunk);
                for (; i < stop; i += 8)
                {
                    nuint at = (nuint)i;
                    var x = Vector256.LoadUnsafe(ref x0, at);
                    var sum = Column(ref k0, at, w0, x, Vector256<float>.Zero, ref q0);
                    sum = Column(ref k1, at, w1, x, sum, ref q1);
                    sum = Column(ref k2, at, w2, x, sum, ref q2);
                    sum = Column(ref k3, at, w3, x, sum, ref q3);
                    sum = Column(ref k4, at, w4, x, sum, ref q4);
                    sum = Column(ref k5, at, w5, x, sum, ref q5);
                    sum = Column(ref k6, at, w6, x, sum, ref q6);
                    sum = Column(ref k7, at, w7, x, sum, ref q7);
                    var (lo, hi) = Vector256.Widen(sum);
                    (Vector256.LoadUnsafe(ref a0, at) + lo).StoreUnsafe(ref a0, at);
                    (Vector256.LoadUnsafe(ref a0, at + 4) + hi).StoreUnsafe(ref a0, at + 4);
                }
                d0 = Widened(d0, q0);
                d1 = Widened(d1, q1);
                d2 = Widened(d2, q2);
                d3 = Widened(d3, q3);
                d4 = Widened(d4, q4);
                d5 = Widened(d5, q5);
                d6 = Widened(d6, q6);
                d7 = Widened(d7, q7);
            }
            sums[0] = Vector256.Sum(d0);
            sums[1] = Vector256.Sum(d1);
            sums[2] = Vector256.Sum(d2);
            sums[3] = Vector256.Sum(d3);
            sums[4] = Vector256.Sum(d4);
            sums[5] = Vector256.Sum(d5);
            sums[6] = Vector256.Sum(d6);
            sums[7] = Vector256.Sum(d7);
            Finish(ref k0, n, pi, a, d, c, i, sums);
        }
        Remaining(ref p0, n, pi, a, d, c, end);
    }

    // One column's eight rows from `at`: its product with the column's weight added to the row sums, and with π's
    // entries to the column's dot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Column(ref float k, nuint at, Vector256<float> weight, Vector256<float> x, Vector256<float> sum, ref Vector256<float> dot)
    {
        var e = Vector256.LoadUnsafe(ref k, at);
        dot = Vector256.FusedMultiplyAdd(e, x, dot);
        return Vector256.FusedMultiplyAdd(e, weight, sum);
    }

    private static Vector256<double> Widened(Vector256<double> sum, Vector256<float> lanes)
    {
        var (lo, hi) = Vector256.Widen(lanes);
        return sum + lo + hi;
    }

    // The group of columns from c: rows from i (past the last whole step) up to each column's own diagonal, in float64,
    // added to the group's dots, which then go into d.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Finish<T>(ref T k0, int n, ReadOnlySpan<double> pi, Span<double> a, Span<double> d, int c, int i, Span<double> sums)
        where T : unmanaged
    {
        int width = sums.Length;
        for (; i < c + width - 1; i++)
        {
            for (int q = Math.Max(0, i - c + 1); q < width; q++)
            {
                double e = Read(ref Unsafe.Add(ref k0, (nint)q * n), i);
                a[i] += e * pi[c + q];
                sums[q] += e * pi[i];
            }
        }
        sums.CopyTo(d[c..]);
    }

    // Columns [c, end) one at a time (fewer than a group left, in the last band only), in float64.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Remaining<T>(ref T p0, int n, ReadOnlySpan<double> pi, Span<double> a, Span<double> d, int c, int end)
        where T : unmanaged
    {
        for (; c < end; c++)
        {
            ref T k = ref Unsafe.Add(ref p0, (nint)c * n);
            double w = pi[c], s = 0;
            for (int i = 0; i < c; i++)
            {
                double e = Read(ref k, i);
                a[i] += e * w;
                s += e * pi[i];
            }
            d[c] = s;
        }
    }

    // Eight entries from `at`, as two vectors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Low, Vector256<double> High) Load8(ref double k, nuint at) =>
        (Vector256.LoadUnsafe(ref k, at), Vector256.LoadUnsafe(ref k, at + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Read<T>(ref T k, int i)
        where T : unmanaged =>
        typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref Unsafe.Add(ref k, i)) : Unsafe.As<T, double>(ref Unsafe.Add(ref k, i));
}
