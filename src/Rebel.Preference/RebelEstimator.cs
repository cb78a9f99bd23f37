namespace Rebel.Preference;

/// <summary>How REBEL turns one iteration's samples into regression targets (docs/sampled-self-play.md).</summary>
public enum RebelEstimator
{
    /// <summary>
    /// Every response of the context is a regression target, with the importance-weighted win-rate estimate
    /// <c>r̃(y)</c>: the expected fitted update is exactly the mirror-descent step <c>η r_t</c>, so the average iterate
    /// converges to the minimax winner.
    /// </summary>
    ImportanceWeighted,

    /// <summary>
    /// As <see cref="ImportanceWeighted"/>, with the correction applied to the residuals of a control variate learnt
    /// from the answers of earlier iterations (a running estimate of each queried pair's preference) instead of those
    /// of the constant baseline: unbiased by construction, and of lower variance once the control variate is close to P.
    /// </summary>
    DoublyRobust,

    /// <summary>
    /// Pairs among the sampled responses with leave-one-out win-rate targets; responses not drawn keep their logits.
    /// Biased: the expected update of a response is weighted by its chance of being drawn and centred on the
    /// sample, so the average iterate stalls away from the minimax winner.
    /// </summary>
    LeaveOneOut,
}
