using Rebel.Preference.Oracles;

namespace Rebel.Neural;

/// <summary>
/// An <see cref="IPreferenceOracle"/> whose responses are token sequences: the neural learner and its estimators name a
/// sequence by its index (<see cref="Index"/>) and ask about pairs of indices in batches, as every learner does, so a
/// judge is sent a group's pairs in one request and a cache or budget applies alike. Enumerated games index every
/// sequence of their space (<see cref="EnumeratedSequenceOracle"/>); generated responses are given the next index when
/// first met (<see cref="Text.GeneratedTextOracle"/>).
/// </summary>
public interface ISequenceOracle : IPreferenceOracle
{
    /// <summary>The index among context <paramref name="context"/>'s responses of the response <paramref name="response"/> (its tokens).</summary>
    int Index(int context, ReadOnlySpan<long> response);
}
