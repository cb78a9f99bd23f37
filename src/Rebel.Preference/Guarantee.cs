namespace Rebel.Preference;

/// <summary>
/// What an algorithm promises with its default options, and of which iterate: the quantity its convergence theorem
/// bounds and that <c>rebel algorithms</c> lists (docs/sampled-self-play.md, "Guarantees").
/// </summary>
public enum Guarantee
{
    /// <summary>No convergence to an equilibrium is claimed (e.g. a reward model fitted to intransitive preferences).</summary>
    None,

    /// <summary>The average iterate's duality gap <c>dg_avg</c> falls to 0: the average iterate approaches a minimax winner (no-regret self-play).</summary>
    AverageIterateMinimaxWinner,

    /// <summary>The last iterate's duality gap <c>dg_last</c> falls to 0: the iterate played approaches a minimax winner.</summary>
    LastIterateMinimaxWinner,

    /// <summary>The last iterate's gap in the KL-regularised game, <c>dg_reg</c> at the algorithm's τ, falls to 0 (docs/regularised-game.md).</summary>
    LastIterateRegularisedEquilibrium,
}
