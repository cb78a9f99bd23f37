using Rebel.Games.Randomness;

namespace Rebel.Preference.Oracles;

/// <summary>Turns probabilities into the feedback asked for: kept for exact feedback, drawn outcomes for Bernoulli.</summary>
public static class BernoulliFeedback
{
    /// <summary>Replaces each probability by an outcome 1 / 0 drawn from <paramref name="random"/> when <paramref name="kind"/> is Bernoulli.</summary>
    public static void Apply(FeedbackKind kind, SeededRandom random, Span<double> result)
    {
        if (kind != FeedbackKind.Bernoulli)
            return;
        for (int k = 0; k < result.Length; k++)
            result[k] = random.NextDouble() < result[k] ? 1 : 0;
    }
}
