using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// INPO from samples (<c>--algo inpo --loss sampled</c>): the paper's square loss on the batch's oracle-labelled pairs
/// <c>(y_i, y_j) ∼ π_t</c>, <c>(h − η/(1+ητ) (o_ij − 1/2))²</c> with
/// <c>h = log π(y_i)/π(y_j) − ητ/(1+ητ) log π_ref(y_i)/π_ref(y_j) − 1/(1+ητ) log π_t(y_i)/π_t(y_j)</c>, and one gradient step
/// of <c>--lr</c> on the logits. At <c>π = π_t</c>, <c>h = ητ/(1+ητ) · d</c> with the log-ratio difference d to π_ref,
/// and <c>∂h/∂θ = ∂d/∂θ</c>, so the pairwise learner's step on d applies. The exact minimiser of the loss in expectation
/// is <see cref="InpoAlgorithm"/>'s step.
/// </summary>
public sealed class SampledInpoAlgorithm : PairwiseLossAlgorithm
{
    private readonly Objectives.PairObjective _objective;

    /// <summary>Creates sampled INPO with step size <paramref name="eta"/> and regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite τ, or a learning rate that is not positive and finite.</exception>
    public SampledInpoAlgorithm(TabularGame game, double eta, double tau, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        (Anchor, Scale) = InpoAlgorithm.Weights(eta, tau);
        _objective = new Objectives.SquarePairObjective(Scale, referenceWeight: Anchor);
        (Eta, Tau) = (eta, tau);
    }

    /// <inheritdoc/>
    public override string Name => "inpo";

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The reference's weight <c>ητ/(1+ητ)</c>.</summary>
    public double Anchor { get; }

    /// <summary>The label's weight <c>η/(1+ητ)</c>.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    protected override Objectives.PairObjective Objective => _objective;
}
