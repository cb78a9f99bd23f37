using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Preference;

/// <summary>
/// Any self-play algorithm judged on the KL-regularised game as well: each iteration reports <c>dg_reg</c>,
/// <c>DG_τ</c> of the new iterate (the one <c>dg_last</c> is of), as its first extra metric. It holds no state of
/// its own, so checkpoints and resumes are those of the wrapped algorithm.
/// </summary>
public sealed class RegularisedSelfPlay : ISelfPlayAlgorithm
{
    /// <summary>Wraps <paramref name="inner"/>, which must play on the game of <paramref name="regularised"/>.</summary>
    /// <exception cref="ArgumentException">The algorithm plays another game.</exception>
    public RegularisedSelfPlay(ISelfPlayAlgorithm inner, RegularisedGame regularised)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(regularised);
        if (!ReferenceEquals(inner.Game, regularised.Game))
            throw new ArgumentException($"the regularised game is built on '{regularised.Game.Name}', the algorithm plays '{inner.Game.Name}'", nameof(regularised));
        (Inner, Regularised) = (inner, regularised);
    }

    /// <summary>The wrapped algorithm.</summary>
    public ISelfPlayAlgorithm Inner { get; }

    /// <summary>The regularised game <c>dg_reg</c> is measured on.</summary>
    public RegularisedGame Regularised { get; }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public TabularGame Game => Inner.Game;

    /// <inheritdoc/>
    public int Iteration => Inner.Iteration;

    /// <inheritdoc/>
    public TabularPolicy Current => Inner.Current;

    /// <inheritdoc/>
    public TabularPolicy Average => Inner.Average;

    /// <inheritdoc/>
    public IterationMetrics Step(bool evaluate = true)
    {
        var m = Inner.Step(evaluate);
        return m with { Extra = [new("dg_reg", double.IsNaN(m.DualityGapLast) ? double.NaN : Regularised.DualityGap(Inner.Current)), .. m.Extra] };
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer) => Inner.SaveState(writer);

    /// <inheritdoc/>
    public void LoadState(JsonElement state) => Inner.LoadState(state);
}
