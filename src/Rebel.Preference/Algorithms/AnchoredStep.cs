namespace Rebel.Preference.Algorithms;

/// <summary>
/// The closed-form step of the regularised mirror-descent family (INPO, COMAL's inner step, EGPO's two steps):
/// <c>log π_next = (1 − a) log π + a log π_ref + b r</c> up to a constant, which is the maximiser of
/// <c>b⟨π′, r⟩ − (1 − a) KL(π′‖π) − a KL(π′‖π_ref)</c> (docs/regularised-game.md).
/// </summary>
internal static class AnchoredStep
{
    /// <summary>The geometric-mixture weight <c>ητ</c> of algorithms that step from <c>π^{1−ητ} π_ref^{ητ}</c>.</summary>
    /// <exception cref="ArgumentException">ητ outside [0, 1], where the mixture is no longer an interpolation.</exception>
    /// <typeparam name="TOptions">The options record whose property <paramref name="tauProperty"/> (τ) the weight is made of.</typeparam>
    public static double MixtureWeight<TOptions>(string tauProperty, double eta, double tau)
    {
        double weight = eta * tau;
        if (!(weight >= 0 && weight <= 1))
            throw OptionException.Of<TOptions>(tauProperty, tau, FormattableString.Invariant($"η·τ = {eta}·{tau} = {weight} must lie in [0, 1]"));
        return weight;
    }

    /// <summary>Writes the geometric mixture's logits <c>(1 − anchor) log + anchor · reference</c> into <paramref name="next"/>.</summary>
    public static void Mix(ReadOnlySpan<double> log, ReadOnlySpan<double> reference, double anchor, Span<double> next)
    {
        for (int i = 0; i < log.Length; i++)
            next[i] = (1 - anchor) * log[i] + anchor * reference[i];
    }

    /// <summary>Writes <c>(1 − anchor) log + anchor · reference + scale · reward</c> into <paramref name="next"/> (unnormalised logits).</summary>
    public static void Apply(ReadOnlySpan<double> log, ReadOnlySpan<double> reference, ReadOnlySpan<double> reward, double anchor, double scale, Span<double> next)
    {
        Mix(log, reference, anchor, next);
        for (int i = 0; i < log.Length; i++)
            next[i] += scale * reward[i];
    }
}
