namespace Rebel.Preference.Objectives;

/// <summary>
/// What a self-play algorithm fits on one group of K responses to the same context, defined once for every policy
/// class (DESIGN §1): a loss of the responses' log-ratios <c>ρ_i = ln π_θ(y_i|x) − ln π_anchor(y_i|x)</c> given their
/// win-rate estimates <c>r_i</c> and the oracle's pairwise outcomes <c>o_ij</c>, with its gradient in ρ. A tabular
/// policy solves it in closed form where one exists (REBEL's least squares, SPPO) or takes gradient steps; a neural
/// policy back-propagates <c>Σ_i ρ_i · ∂L/∂ρ_i</c>, whose gradient in θ is the loss's by the chain rule, so the
/// tensor side never restates the loss.
/// </summary>
/// <param name="referenceWeight">The weight of π_ref in the anchor of the log-ratios (<see cref="ReferenceWeight"/>).</param>
public abstract class SelfPlayObjective(double referenceWeight = 0)
{
    /// <summary>
    /// The weight w of π_ref in the anchor of the log-ratios, <c>ρ = ln π_θ − w ln π_ref − (1 − w) ln π_t</c>: 0 for
    /// REBEL's and SPPO's regressions of the step (ρ to the iterate π_t that drew the samples), 1 for the DPO/IPO
    /// family's implicit reward <c>ln π/π_ref</c>, ητ/(1+ητ) for INPO. At π_θ = π_t the pair statistic is
    /// <c>ρ_i − ρ_j = w·d</c>, d the log-ratio difference to π_ref, and <c>∂ρ/∂θ = ∂ ln π_θ/∂θ</c> whatever w.
    /// </summary>
    public double ReferenceWeight { get; } = referenceWeight is >= 0 and <= 1
        ? referenceWeight
        : throw new ArgumentOutOfRangeException(nameof(referenceWeight), referenceWeight, "the weight of π_ref in the anchor lies in [0, 1]");

    /// <summary>The group's loss at <paramref name="logRatio"/>, with <c>∂L/∂ρ_i</c> written into <paramref name="gradient"/>.</summary>
    /// <param name="logRatio">ρ_i, one per response of the group.</param>
    /// <param name="winRate">r_i, one per response (NaN where a response has no estimate; its terms are skipped).</param>
    /// <param name="outcome">o_ij = P(y_i ≻ y_j) or its 0/1 draw, K×K row-major (NaN where the pair was not queried).</param>
    /// <param name="gradient">Receives ∂L/∂ρ_i; same length as <paramref name="logRatio"/>.</param>
    /// <param name="difference">
    /// The estimates of <c>r_i − r_j</c>, K×K row-major, where they are estimated apart from the win rates (the
    /// leave-two-out differences of generated responses, <c>SelfPlaySampler.SampleGroup</c>); empty: <c>r_i − r_j</c>.
    /// </param>
    /// <returns>The mean of the group's terms, or 0 when it has none (its gradient is then 0).</returns>
    /// <exception cref="ArgumentException">The spans' lengths disagree.</exception>
    public double Loss(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, Span<double> gradient, ReadOnlySpan<double> difference = default)
    {
        int k = logRatio.Length;
        if (winRate.Length != k || gradient.Length != k || outcome.Length != k * k || (!difference.IsEmpty && difference.Length != k * k))
            throw new ArgumentException($"a group of {k} log-ratios needs {k} win rates, {k} gradients, {k * k} outcomes and no or {k * k} differences (got {winRate.Length}, {gradient.Length}, {outcome.Length}, {difference.Length})", nameof(outcome));
        gradient.Clear();
        var (sum, terms) = Accumulate(logRatio, winRate, outcome, difference, gradient);
        if (terms == 0)
            return 0;
        for (int i = 0; i < k; i++)
            gradient[i] /= terms;
        return sum / terms;
    }

    /// <summary>Adds every term's loss and gradient; returns the loss sum and the number of terms.</summary>
    protected abstract (double Sum, int Terms) Accumulate(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, ReadOnlySpan<double> difference, Span<double> gradient);
}
