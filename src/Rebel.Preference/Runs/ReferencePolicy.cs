using Rebel.Games;
using Rebel.Preference.Runs.Utils;

namespace Rebel.Preference.Runs;

/// <summary>Reference policies π_ref of the regularised game, read from <c>rebel-policy/1</c> files (docs/regularised-game.md).</summary>
public static class ReferencePolicy
{
    /// <summary>The <c>last</c> iterate of the policy file at <paramref name="path"/>, checked against <paramref name="game"/> and positive.</summary>
    /// <exception cref="RunException">The file cannot be read, is not a policy of this game, or has a zero probability.</exception>
    public static TabularPolicy Load(string path, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(game);
        return PolicyJson.ReadReference(path, game);
    }
}
