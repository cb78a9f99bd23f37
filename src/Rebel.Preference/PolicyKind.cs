namespace Rebel.Preference;

/// <summary>Policy class of a self-play learner.</summary>
public enum PolicyKind
{
    /// <summary>Softmax over responses, one logit per response and context.</summary>
    Tabular,

    /// <summary>Log-linear over response features (one-hot features recover tabular).</summary>
    LogLinear,

    /// <summary>Neural policy on libtorch.</summary>
    Neural,
}
