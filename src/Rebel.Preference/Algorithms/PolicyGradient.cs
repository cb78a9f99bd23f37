namespace Rebel.Preference.Algorithms;

/// <summary>Policy-gradient steps on tabular softmax logits (Nash-MD-PG, exact and sampled).</summary>
internal static class PolicyGradient
{
    /// <summary>Returns <paramref name="learningRate"/> once checked.</summary>
    /// <exception cref="ArgumentException">Not positive and finite.</exception>
    public static double CheckLearningRate(double learningRate)
    {
        OptionChecks<SelfPlayOptions>.PositiveFinite(nameof(SelfPlayOptions.LearningRate), learningRate);
        return learningRate;
    }

    /// <summary>
    /// The exact step <c>next = log π + lr · ∇_θ E_{y∼π}[A(y) log π_θ(y)]</c> at <c>θ = log π</c>, whose gradient is
    /// <c>π(y) (A(y) − E_π A)</c> because <c>∂ log π_θ(y) / ∂θ_k = 1{y = k} − π(k)</c>.
    /// </summary>
    public static void Step(ReadOnlySpan<double> log, ReadOnlySpan<double> policy, ReadOnlySpan<double> advantage, double learningRate, Span<double> next)
    {
        double baseline = 0;
        for (int i = 0; i < log.Length; i++)
            baseline += policy[i] * advantage[i];
        for (int i = 0; i < log.Length; i++)
            next[i] = log[i] + learningRate * policy[i] * (advantage[i] - baseline);
    }
}
