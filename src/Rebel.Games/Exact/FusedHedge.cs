using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// One context's Hedge iteration after the product <c>r = P π</c>, fused into two passes and one exponential pass so
/// that many small contexts cost little more than their memory traffic: <see cref="Advance"/>, the exponentials, then
/// <see cref="Finish"/>, apart so that a caller can run each over several contexts in turn (MirrorDescent). The state is
/// a log-policy <c>u</c> known up to a constant, <c>π = exp(u) / Σ exp(u)</c> (<see cref="Policy"/>): the step's own
/// exponentials then give the new policy, where normalised logs needed a second exponential pass for it (a third of a
/// 16-response context's step).
/// </summary>
internal static class FusedHedge
{
    /// <summary>
    /// <c>π = exp(u − m) / Σ exp(u − m)</c> with <c>m = max u</c> into <paramref name="policy"/>; returns <c>ln Σ exp(u)</c>.
    /// After a step <c>m</c> is exactly 0, and this is <see cref="Finish"/>'s own arithmetic for the new policy, so a run
    /// restored from <c>u</c> continues bit for bit; the shift keeps any other offset (normalised logs, a user's) from
    /// overflowing or underflowing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Policy(ReadOnlySpan<double> log, Span<double> policy)
    {
        double top = Kernels.Max(log);
        double z = VectorExp.Exp(log, top, policy);
        double inverse = 1 / z;
        for (int i = 0; i < log.Length; i++)
            policy[i] *= inverse;
        return top + Math.Log(z);
    }

    /// <summary>
    /// The first pass: adds <c>r</c> and <c>π_t</c> to the regret sums and replaces <paramref name="log"/> (<c>u_t</c>) by
    /// <c>v = u_t + η r</c>; returns <c>max v</c>, <c>max_y Σ_t r_t(y)</c> and <c>⟨π_t, r⟩</c>. Then
    /// <see cref="VectorExp.Exp(ReadOnlySpan{double}, double, Span{double})"/> of <c>v − max v</c> and
    /// <see cref="Finish"/> complete the step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HedgeAdvance Advance(Span<double> log, ReadOnlySpan<double> policy, ReadOnlySpan<double> r, double eta, Span<double> winRateSums, Span<double> policySums)
    {
        int n = log.Length;
        if (policy.Length < n || r.Length < n || winRateSums.Length < n || policySums.Length < n)
            throw new ArgumentException("spans are shorter than the log-policy");
        ref double l0 = ref MemoryMarshal.GetReference(log);
        ref double p0 = ref MemoryMarshal.GetReference(policy);
        ref double r0 = ref MemoryMarshal.GetReference(r);
        ref double w0 = ref MemoryMarshal.GetReference(winRateSums);
        ref double s0 = ref MemoryMarshal.GetReference(policySums);
        var etaV = Vector256.Create(eta);
        var maxSum = Vector256.Create(double.NegativeInfinity);
        var maxV = maxSum;
        var dot = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            nuint at = (nuint)i;
            var rv = Vector256.LoadUnsafe(ref r0, at);
            var pv = Vector256.LoadUnsafe(ref p0, at);
            var sum = Vector256.LoadUnsafe(ref w0, at) + rv;
            sum.StoreUnsafe(ref w0, at);
            (Vector256.LoadUnsafe(ref s0, at) + pv).StoreUnsafe(ref s0, at);
            var v = Vector256.LoadUnsafe(ref l0, at) + etaV * rv;
            v.StoreUnsafe(ref l0, at);
            dot = Vector256.FusedMultiplyAdd(pv, rv, dot);
            maxSum = Vector256.MaxNative(maxSum, sum);
            maxV = Vector256.MaxNative(maxV, v);
        }
        double bestSum = Kernels.HorizontalMax(maxSum), top = Kernels.HorizontalMax(maxV);
        double played = Vector256.Sum(dot);
        for (; i < n; i++)
        {
            double rv = Unsafe.Add(ref r0, i), pv = Unsafe.Add(ref p0, i);
            double sum = Unsafe.Add(ref w0, i) += rv;
            Unsafe.Add(ref s0, i) += pv;
            double v = Unsafe.Add(ref l0, i) += eta * rv;
            played += pv * rv;
            bestSum = double.MaxNative(bestSum, sum);
            top = double.MaxNative(top, v);
        }
        return new HedgeAdvance(top, bestSum, played);
    }

    /// <summary>
    /// The last pass, after <see cref="Advance"/> and <paramref name="z"/> =
    /// <see cref="VectorExp.Exp(ReadOnlySpan{double}, double, Span{double})"/>(v, top, <paramref name="exponentials"/>),
    /// with <paramref name="logZ"/> = <c>Math.Log(z)</c> (apart: a call, which spilled this pass's vectors when it was
    /// made here, and several contexts' calls in a row overlap): replaces <paramref name="log"/> (v) by
    /// <c>u_{t+1} = v − max v</c> and <paramref name="policy"/> (<c>π_t</c>) by <c>π_{t+1}</c> (the exponentials over their sum: Policy's arithmetic, bit
    /// for bit), and <paramref name="logNormaliser"/> (<c>ln Σ exp(u_t)</c>) by <c>ln Σ exp(u_{t+1})</c>. KL, entropy and
    /// the KL to the reference policy (normalised log-probabilities <paramref name="referenceLog"/>) come from the same
    /// pass; <paramref name="playedSum"/> is <c>Σ_t ⟨π_t, r_t⟩</c> before this step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HedgeContextStep Finish(
        Span<double> log, Span<double> policy, ReadOnlySpan<double> r, double eta, HedgeAdvance advance, double z, double logZ, ref double logNormaliser,
        ReadOnlySpan<double> exponentials, ReadOnlySpan<double> referenceLog, double playedSum)
    {
        int n = log.Length;
        if (policy.Length < n || r.Length < n || exponentials.Length < n || referenceLog.Length < n)
            throw new ArgumentException("spans are shorter than the log-policy");
        ref double l0 = ref MemoryMarshal.GetReference(log);
        ref double p0 = ref MemoryMarshal.GetReference(policy);
        ref double r0 = ref MemoryMarshal.GetReference(r);
        ref double e0 = ref MemoryMarshal.GetReference(exponentials);
        ref double f0 = ref MemoryMarshal.GetReference(referenceLog);
        double top = advance.Top;
        double inverse = 1 / z, shift = top + logZ - logNormaliser;
        logNormaliser = logZ;
        // log π_{t+1} − log π_t = η r − shift exactly, also where both logs are −∞ (q = 0 there).
        var etaV = Vector256.Create(eta);
        var shiftV = Vector256.Create(shift);
        var logZV = Vector256.Create(logZ);
        var topV = Vector256.Create(top);
        var inverseV = Vector256.Create(inverse);
        var kl = Vector256<double>.Zero;
        var entropy = Vector256<double>.Zero;
        var klReference = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            nuint at = (nuint)i;
            var u = Vector256.LoadUnsafe(ref l0, at) - topV;
            u.StoreUnsafe(ref l0, at);
            var next = u - logZV;
            var q = Vector256.LoadUnsafe(ref e0, at) * inverseV;
            q.StoreUnsafe(ref p0, at);
            kl = Vector256.FusedMultiplyAdd(q, etaV * Vector256.LoadUnsafe(ref r0, at) - shiftV, kl);
            // 0 log 0 = 0: a zero probability has a −∞ log.
            var positive = Vector256.GreaterThan(q, Vector256<double>.Zero);
            entropy -= Vector256.ConditionalSelect(positive, q * next, Vector256<double>.Zero);
            klReference += Vector256.ConditionalSelect(positive, q * (next - Vector256.LoadUnsafe(ref f0, at)), Vector256<double>.Zero);
        }
        double klTotal = Vector256.Sum(kl), entropyTotal = Vector256.Sum(entropy), klReferenceTotal = Vector256.Sum(klReference);
        for (; i < n; i++)
        {
            double next = (Unsafe.Add(ref l0, i) = Unsafe.Add(ref l0, i) - top) - logZ;
            double q = Unsafe.Add(ref p0, i) = Unsafe.Add(ref e0, i) * inverse;
            klTotal += q * (eta * Unsafe.Add(ref r0, i) - shift);
            if (q > 0)
            {
                entropyTotal -= q * next;
                klReferenceTotal += q * (next - Unsafe.Add(ref f0, i));
            }
        }
        return new HedgeContextStep(advance.BestWinRateSum, playedSum + advance.Played, klTotal, entropyTotal, klReferenceTotal);
    }
}
