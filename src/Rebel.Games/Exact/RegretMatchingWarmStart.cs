using Rebel.Games.Linear;

namespace Rebel.Games.Exact;

/// <summary>
/// Predictive regret matching⁺ in self-play with linearly weighted averaging: a cheap first-order method whose
/// average iterate locates the minimax winner's support well enough to warm-start exact pivoting.
/// </summary>
internal static class RegretMatchingWarmStart
{
    /// <summary>Runs <paramref name="iterations"/> steps on the context's preferences; returns the average iterate.</summary>
    public static double[] Run(GameContext context, int iterations)
    {
        int n = context.Count;
        var regret = new double[n];
        var pi = new double[n];
        var gain = new double[n];
        var average = new double[n];
        Array.Fill(pi, 1.0 / n);
        for (int t = 1; t <= iterations; t++)
        {
            WinRate.Against(context, pi, gain);
            double played = Kernels.Dot(pi, gain);
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double instant = gain[i] - played;
                regret[i] = Math.Max(regret[i] + instant, 0);
                // The prediction assumes the next gain repeats this one (optimism).
                double predicted = Math.Max(regret[i] + instant, 0);
                pi[i] = predicted;
                total += predicted;
            }
            if (total > 0)
            {
                for (int i = 0; i < n; i++)
                    pi[i] /= total;
            }
            else
            {
                Array.Fill(pi, 1.0 / n);
            }
            for (int i = 0; i < n; i++)
                average[i] += t * pi[i];
        }
        double sum = 0;
        foreach (double a in average)
            sum += a;
        if (!(sum > 0))
        {
            Array.Fill(average, 1.0 / n);
            return average;
        }
        for (int i = 0; i < n; i++)
            average[i] /= sum;
        return average;
    }
}
