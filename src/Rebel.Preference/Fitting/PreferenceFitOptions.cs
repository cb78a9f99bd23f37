namespace Rebel.Preference.Fitting;

/// <summary>Options of <see cref="PreferenceFitting.Fit"/> (the flags of <c>rebel fit-pref</c> are named by <see cref="OptionAttribute"/>).</summary>
public sealed record PreferenceFitOptions
{
    /// <summary>Ridge λ on the utilities (BT) or embeddings (GPM); keeps always-winning responses finite.</summary>
    [Option("ridge", "ridge λ on utilities (bt; 0 is the plain maximum-likelihood fit) or embeddings (gpm, > 0)")]
    public double Ridge { get; init; } = 1e-3;

    /// <summary>GPM embedding dimension 2k (even).</summary>
    [Option("dimension", "gpm embedding dimension 2k (even)")]
    public int GpmDimension { get; init; } = 4;

    /// <summary>Full-batch Adam steps of the GPM fit.</summary>
    [Option("steps", "gpm full-batch Adam steps")]
    public int GpmSteps { get; init; } = 3000;

    /// <summary>Adam learning rate of the GPM fit.</summary>
    [Option("lr", "gpm Adam learning rate")]
    public double GpmLearningRate { get; init; } = 0.05;

    /// <summary>Seed of the GPM's random initial embeddings and of the held-out split.</summary>
    [Option("seed", "seed of the gpm's initial embeddings and of the held-out split")]
    public ulong Seed { get; init; }

    /// <summary>Fraction of the comparisons held out to score the fit (0: none).</summary>
    [Option("holdout", "fraction of the comparisons held out to score the fit")]
    public double Holdout { get; init; }

    /// <summary>Folds of a k-fold cross-validation of the fit (0: none).</summary>
    [Option("folds", "folds of a k-fold cross-validation")]
    public int Folds { get; init; }

    /// <summary>Checks every value for a fit of <paramref name="model"/>.</summary>
    /// <exception cref="OptionException">A value is out of range, or both a holdout and folds are asked for; the exception names the property.</exception>
    public void Validate(PreferenceModelKind model)
    {
        if (model == PreferenceModelKind.Bt)
            OptionChecks<PreferenceFitOptions>.NonNegativeFinite(nameof(Ridge), Ridge);
        else
            OptionChecks<PreferenceFitOptions>.PositiveFinite(nameof(Ridge), Ridge);
        if (GpmDimension < 2 || GpmDimension % 2 != 0)
            throw OptionException.Of<PreferenceFitOptions>(nameof(GpmDimension), GpmDimension, "must be an even number ≥ 2");
        OptionChecks<PreferenceFitOptions>.AtLeast(nameof(GpmSteps), GpmSteps, 1);
        OptionChecks<PreferenceFitOptions>.PositiveFinite(nameof(GpmLearningRate), GpmLearningRate);
        if (Holdout != 0 && !(Holdout is > 0 and < 1))
            throw OptionException.Of<PreferenceFitOptions>(nameof(Holdout), Holdout, "must lie strictly between 0 and 1");
        if (Folds != 0)
            OptionChecks<PreferenceFitOptions>.AtLeast(nameof(Folds), Folds, 2);
        if (Holdout != 0 && Folds != 0)
            throw OptionException.Of<PreferenceFitOptions>(nameof(Holdout), Holdout, "give either it or {0}, not both", OptionReference.Of<PreferenceFitOptions>(nameof(Folds), Folds));
    }
}
