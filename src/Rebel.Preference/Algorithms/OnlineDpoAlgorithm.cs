using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Online DPO (<c>--algo online-dpo</c>): the logistic loss <c>−[o ln σ(β d) + (1 − o) ln σ(−β d)]</c> of the
/// log-ratio difference on freshly sampled, oracle-labelled pairs; <c>∂/∂d = β (σ(β d) − o)</c>.
/// </summary>
public sealed class OnlineDpoAlgorithm : PairwiseLossAlgorithm
{
    private readonly Objectives.LogisticPairObjective _objective;

    /// <summary>Creates online DPO with inverse temperature <paramref name="beta"/>.</summary>
    /// <exception cref="ArgumentException">β not positive and finite.</exception>
    public OnlineDpoAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, double beta, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        OptionChecks<OnlineDpoOptions>.PositiveFinite(nameof(OnlineDpoOptions.Beta), beta);
        _objective = new Objectives.LogisticPairObjective(beta);
    }

    /// <inheritdoc/>
    public override string Name => "online-dpo";

    /// <summary>The inverse temperature β.</summary>
    public double Beta => _objective.Beta;

    /// <inheritdoc/>
    protected override Objectives.PairObjective Objective => _objective;
}
