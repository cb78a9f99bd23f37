namespace Rebel.Preference.Fitting;

/// <summary>Options of <see cref="PreferenceFitting.Fit"/>.</summary>
public sealed record PreferenceFitOptions
{
    /// <summary>Ridge λ on the utilities (BT) or embeddings (GPM); keeps always-winning responses finite.</summary>
    public double Ridge { get; init; } = 1e-3;

    /// <summary>GPM embedding dimension 2k (even).</summary>
    public int GpmDimension { get; init; } = 4;

    /// <summary>Full-batch Adam steps of the GPM fit.</summary>
    public int GpmSteps { get; init; } = 3000;

    /// <summary>Adam learning rate of the GPM fit.</summary>
    public double GpmLearningRate { get; init; } = 0.05;

    /// <summary>Seed of the GPM's random initial embeddings and of the held-out split.</summary>
    public ulong Seed { get; init; }

    /// <summary>Fraction of the comparisons held out to score the fit (0: none).</summary>
    public double Holdout { get; init; }

    /// <summary>Folds of a k-fold cross-validation of the fit (0: none).</summary>
    public int Folds { get; init; }
}
