namespace Rebel.Preference;

/// <summary>What the preference oracle returns per query.</summary>
public enum FeedbackKind
{
    /// <summary>The probability <c>P(y ≻ y′ | x)</c>.</summary>
    Exact,

    /// <summary>A binary outcome drawn with that probability from the seeded RNG.</summary>
    Bernoulli,
}
