using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// COMAL's moving reference (exact and sampled): per context the log-policy the inner steps are anchored to, which
/// starts at the run's reference and moves to the last iterate after every <see cref="Inner"/> iterations; it is
/// checkpointed, so a resumed run anchors to the same centre.
/// </summary>
internal sealed class ProxCentre
{
    private readonly double[][] _centre;

    /// <exception cref="ArgumentException">Fewer than one inner step.</exception>
    public ProxCentre(TabularGame game, int inner)
    {
        OptionChecks<Algorithms.ComalOptions>.AtLeast(nameof(Algorithms.ComalOptions.Inner), inner, 1);
        Inner = inner;
        _centre = game.Contexts.Select(c => new double[c.Count]).ToArray();
    }

    /// <summary>Inner steps per prox step.</summary>
    public int Inner { get; }

    /// <summary>The centre's log-probabilities (up to a constant) of context <paramref name="context"/>.</summary>
    public ReadOnlySpan<double> this[int context] => _centre[context];

    /// <summary>Whether the centre moves at the end of 0-based iteration <paramref name="iteration"/>.</summary>
    public bool MovesAfter(int iteration) => (iteration + 1) % Inner == 0;

    /// <summary>Sets context <paramref name="context"/>'s centre to <paramref name="log"/>; a constant offset only shifts every later step's logits.</summary>
    public void Set(int context, ReadOnlySpan<double> log) => log.CopyTo(_centre[context]);

    public void Write(Utf8JsonWriter writer) => StateJson.WriteJagged(writer, "prox_center", _centre);

    public void Read(JsonElement state, TabularGame game)
    {
        var centre = StateJson.ReadJagged(state, "prox_center", game);
        for (int c = 0; c < _centre.Length; c++)
            centre[c].CopyTo(_centre[c], 0);
    }
}
