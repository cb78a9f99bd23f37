using Rebel.Games.Exact;

namespace Rebel.Preference;

/// <summary>
/// The metrics <c>dist_mw_last</c> and <c>dist_mw_avg</c>: L1 distances of the played and the average iterate to the
/// minimax winner, reported only where it is unique (<see cref="MinimaxWinnerDistance"/>).
/// </summary>
public static class MinimaxWinnerMetrics
{
    /// <summary>Appends both distances to <paramref name="extras"/> when <paramref name="distance"/> is defined.</summary>
    /// <param name="extras">The iteration's extra metrics.</param>
    /// <param name="distance">The game's minimax-winner distance.</param>
    /// <param name="last">The weighted distance of the iterate played this iteration.</param>
    /// <param name="regret">The regret tracker holding the average iterate.</param>
    public static void Add(List<KeyValuePair<string, double>> extras, MinimaxWinnerDistance distance, double last, RegretTracker regret)
    {
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentNullException.ThrowIfNull(distance);
        if (!distance.IsDefined)
            return;
        extras.Add(new("dist_mw_last", last));
        extras.Add(new("dist_mw_avg", distance.OfAverage(regret)));
    }
}
