using Rebel.Games;
using Rebel.Preference.Oracles;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Online IPO (<c>--algo online-ipo</c>): the square loss <c>(d − (2o − 1)/(2τ))²</c> of the log-ratio difference on
/// freshly sampled, oracle-labelled pairs (for o = 1 the IPO loss <c>(d − 1/(2τ))²</c> of winner over loser);
/// <c>∂/∂d = 2 (d − (2o − 1)/(2τ))</c>.
/// </summary>
public sealed class OnlineIpoAlgorithm : PairwiseLossAlgorithm
{
    private readonly Objectives.PairObjective _objective;

    /// <summary>Creates online IPO with regularisation <paramref name="tau"/>.</summary>
    /// <exception cref="ArgumentException">τ not positive and finite.</exception>
    public OnlineIpoAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, double tau, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        OptionChecks<OnlineIpoOptions>.PositiveFinite(nameof(OnlineIpoOptions.Tau), tau);
        Tau = tau;
        _objective = Objectives.SquarePairObjective.Ipo(tau);
    }

    /// <inheritdoc/>
    public override string Name => "online-ipo";

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <inheritdoc/>
    protected override Objectives.PairObjective Objective => _objective;
}
