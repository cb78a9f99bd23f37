using System.Numerics.Tensors;

namespace Rebel.Preference.Utils;

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

    /// <summary><c>KL(p ‖ q)</c> from log-probabilities, with <c>0 log 0 = 0</c>.</summary>
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

    /// <summary>Shannon entropy in nats, with <c>0 log 0 = 0</c>.</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (double v in p)
            if (v > 0)
                h -= v * Math.Log(v);
        return h;
    }

    /// <summary>The logistic function <c>σ(z) = 1 / (1 + e^{−z})</c>.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
