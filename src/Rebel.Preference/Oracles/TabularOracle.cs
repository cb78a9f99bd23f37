using Rebel.Games;

namespace Rebel.Preference.Oracles;

/// <summary>The oracle of a tabular game (any zoo game or game file): <c>P(a ≻ b | x)</c> is the matrix entry.</summary>
public sealed class TabularOracle : PreferenceOracle
{
    private readonly GameContext[] _contexts;

    /// <summary>Wraps <paramref name="game"/>.</summary>
    public TabularOracle(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        Game = game;
        _contexts = game.Contexts.ToArray();
    }

    /// <summary>The game answered from.</summary>
    public TabularGame Game { get; }

    /// <inheritdoc/>
    public override int ContextCount => _contexts.Length;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => _contexts[context].Count;

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b) => _contexts[context].Preference[a, b];
}
