using System.Globalization;
using Rebel.Games;

namespace Rebel.Preference.Oracles;

/// <summary>Checks that an oracle answers for the contexts and responses of the game a learner plays.</summary>
internal static class OracleShape
{
    /// <exception cref="ArgumentException">The context count or a context's response count differs.</exception>
    public static void EnsureMatches(IPreferenceOracle oracle, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(game);
        if (oracle.ContextCount != game.Contexts.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Oracle: it answers for {oracle.ContextCount} contexts, the game '{game.Name}' has {game.Contexts.Count}"));
        for (int c = 0; c < game.Contexts.Count; c++)
            if (oracle.ResponseCount(c) != game.Contexts[c].Count)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Oracle: context {c} has {oracle.ResponseCount(c)} responses, the game '{game.Name}' has {game.Contexts[c].Count} in '{game.Contexts[c].Name}'"));
    }
}
