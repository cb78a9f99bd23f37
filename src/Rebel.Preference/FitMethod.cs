namespace Rebel.Preference;

/// <summary>How each iteration's regression is solved.</summary>
public enum FitMethod
{
    /// <summary>Exact regularised least squares (MathNet).</summary>
    Exact,

    /// <summary>AdamW on minibatches, as the official implementation trains.</summary>
    AdamW,
}
