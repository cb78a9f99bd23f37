using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Iterative Nash policy optimisation (INPO; Zhang et al. 2024), exact tabular form (<c>--algo inpo</c>): online mirror
/// descent on the τ-regularised game, <c>π_{t+1} = argmax_π η⟨π, P π_t⟩ − ητ KL(π‖π_ref) − KL(π‖π_t)</c>, in closed form
/// <c>π_{t+1} ∝ π_t^{1/(1+ητ)} π_ref^{ητ/(1+ητ)} exp(η P π_t / (1+ητ))</c>; the minimiser of the paper's square loss when
/// that loss is taken in expectation. The closed form coincides with magnetic mirror descent at α = τ (see
/// docs/regularised-game.md); the sampled loss is where INPO differs.
/// </summary>
public sealed class InpoAlgorithm : TabularSelfPlay
{
    /// <summary>Creates INPO with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite τ.</exception>
    public InpoAlgorithm(TabularGame game, double eta, double tau)
        : base(game)
    {
        (Anchor, Scale) = Weights(eta, tau);
        (Eta, Tau) = (eta, tau);
    }

    /// <inheritdoc/>
    public override string Name => "inpo";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The reference's weight <c>ητ/(1+ητ)</c> in the step.</summary>
    public double Anchor { get; }

    /// <summary>The win rates' weight <c>η/(1+ητ)</c> in the step.</summary>
    public double Scale { get; }

    /// <summary>The anchor <c>ητ/(1+ητ)</c> and reward scale <c>η/(1+ητ)</c> of the INPO step (also COMAL's inner step).</summary>
    /// <exception cref="ArgumentException">A negative or non-finite τ.</exception>
    public static (double Anchor, double Scale) Weights(double eta, double tau)
    {
        OptionChecks<InpoOptions>.NonNegativeFinite(nameof(InpoOptions.Tau), tau);
        return (eta * tau / (1 + eta * tau), eta / (1 + eta * tau));
    }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
            AnchoredStep.Apply(LogPolicy(c), ReferenceLog(c), WinRates(c), Anchor, Scale, next[c]);
    }
}
