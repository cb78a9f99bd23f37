using System.Numerics.Tensors;

namespace Rebel.Preference.Numerics;

/// <summary>Allocation-free log-domain helpers on spans (the exact core keeps its own kernels internal).</summary>
internal static class LogMath
{
    /// <summary><c>log Σ exp(x_i)</c>, stable for large entries and for −∞ entries.</summary>
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

    /// <summary>Turns logits into log-probabilities in place.</summary>
    public static void Normalise(Span<double> logits)
    {
        double z = LogSumExp(logits);
        for (int i = 0; i < logits.Length; i++)
            logits[i] -= z;
    }

    /// <summary><c>p = exp(log)</c>.</summary>
    public static void Exp(ReadOnlySpan<double> log, Span<double> p)
    {
        for (int i = 0; i < log.Length; i++)
            p[i] = Math.Exp(log[i]);
    }

    /// <summary>
    /// <c>KL(p ‖ q)</c>, <c>KL(p ‖ r)</c> and the entropy of p, given p and its logarithm, in one pass without further
    /// transcendental calls (<c>0 log 0 = 0</c>).
    /// </summary>
    public static (double KlQ, double KlR, double Entropy) Divergences(ReadOnlySpan<double> p, ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ, ReadOnlySpan<double> logR)
    {
        double klQ = 0, klR = 0, entropy = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0)
                continue;
            klQ += p[i] * (logP[i] - logQ[i]);
            klR += p[i] * (logP[i] - logR[i]);
            entropy -= p[i] * logP[i];
        }
        return (klQ, klR, entropy);
    }

    /// <summary>The logistic function <c>σ(z) = 1 / (1 + e^{−z})</c>.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
