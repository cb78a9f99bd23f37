namespace Rebel.Preference.Objectives;

/// <summary>
/// What a self-play algorithm fits on one group of K responses to the same context, defined once for every policy
/// class (DESIGN §1): a loss of the responses' log-ratios <c>ρ_i = ln π_θ(y_i|x) − ln π_anchor(y_i|x)</c> given their
/// win-rate estimates <c>r_i</c> and the oracle's pairwise outcomes <c>o_ij</c>, with its gradient in ρ. A tabular
/// policy solves it in closed form where one exists (REBEL's least squares, SPPO) or takes gradient steps; a neural
/// policy back-propagates <c>Σ_i ρ_i · ∂L/∂ρ_i</c>, whose gradient in θ is the loss's by the chain rule, so the
/// tensor side never restates the loss.
/// </summary>
public abstract class SelfPlayObjective
{
    /// <summary>
    /// Whether ρ is taken to the reference policy π_ref (the DPO/IPO family's implicit reward <c>β ln π/π_ref</c>)
    /// rather than to the iterate π_t that drew the samples (REBEL's and SPPO's regressions of the step).
    /// </summary>
    public virtual bool AnchoredToReference => false;

    /// <summary>The group's loss at <paramref name="logRatio"/>, with <c>∂L/∂ρ_i</c> written into <paramref name="gradient"/>.</summary>
    /// <param name="logRatio">ρ_i, one per response of the group.</param>
    /// <param name="winRate">r_i, one per response (NaN where a response has no estimate; its terms are skipped).</param>
    /// <param name="outcome">o_ij = P(y_i ≻ y_j) or its 0/1 draw, K×K row-major (NaN where the pair was not queried).</param>
    /// <param name="gradient">Receives ∂L/∂ρ_i; same length as <paramref name="logRatio"/>.</param>
    /// <returns>The mean of the group's terms, or 0 when it has none (its gradient is then 0).</returns>
    /// <exception cref="ArgumentException">The spans' lengths disagree.</exception>
    public double Loss(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, Span<double> gradient)
    {
        int k = logRatio.Length;
        if (winRate.Length != k || gradient.Length != k || outcome.Length != k * k)
            throw new ArgumentException($"a group of {k} log-ratios needs {k} win rates, {k} gradients and {k * k} outcomes (got {winRate.Length}, {gradient.Length}, {outcome.Length})", nameof(outcome));
        gradient.Clear();
        var (sum, terms) = Accumulate(logRatio, winRate, outcome, gradient);
        if (terms == 0)
            return 0;
        for (int i = 0; i < k; i++)
            gradient[i] /= terms;
        return sum / terms;
    }

    /// <summary>Adds every term's loss and gradient; returns the loss sum and the number of terms.</summary>
    protected abstract (double Sum, int Terms) Accumulate(ReadOnlySpan<double> logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, Span<double> gradient);
}
