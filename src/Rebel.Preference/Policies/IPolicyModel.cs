namespace Rebel.Preference.Policies;

/// <summary>
/// A policy class whose logits are linear in its parameters θ: <c>π_θ(y|x) ∝ exp(f_θ(x, y))</c> with
/// <c>f_θ(x, y) = φ(x, y)·θ</c>. The REBEL regression only needs logit differences, in which the normaliser cancels.
/// </summary>
public interface IPolicyModel
{
    /// <summary>The parameters θ, live (the learner updates them in place).</summary>
    double[] Parameters { get; }

    /// <summary>Most non-zero entries <see cref="DifferenceFeatures"/> can write.</summary>
    int MaxDifferenceFeatures { get; }

    /// <summary>Writes the logits <c>f_θ(x, ·)</c> of context <paramref name="context"/>.</summary>
    void Logits(int context, Span<double> logits);

    /// <summary>
    /// Writes the sparse gradient <c>φ(x, a) − φ(x, b)</c> of <c>f_θ(x, a) − f_θ(x, b)</c> with respect to θ as
    /// (index, value) entries and returns their number.
    /// </summary>
    int DifferenceFeatures(int context, int a, int b, Span<int> index, Span<double> value);
}
