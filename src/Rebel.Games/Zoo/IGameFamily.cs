namespace Rebel.Games.Zoo;

/// <summary>A family of built-in games addressable by a spec <c>name:key=value,...</c>.</summary>
public interface IGameFamily
{
    /// <summary>The family name used in specs.</summary>
    string Name { get; }

    /// <summary>One line for <c>rebel games</c>.</summary>
    string Description { get; }

    /// <summary>Parameters with their defaults.</summary>
    IReadOnlyList<GameParameter> Parameters { get; }

    /// <summary>
    /// True for a family that passes keys it does not declare on to an inner family (<c>contextual</c>); those keys
    /// are checked against the inner family's parameters when it builds the game.
    /// </summary>
    bool ForwardsParameters => false;

    /// <summary>Builds the game for a parsed spec (unknown keys were already rejected).</summary>
    /// <exception cref="GameValidationException">A value is out of range; the message names the parameter.</exception>
    TabularGame Create(GameSpec spec);
}
