using Rebel.Games.Sequence;
using Rebel.Preference.Oracles;

namespace Rebel.Neural;

/// <summary>A <see cref="PromptOracle"/> that asks an <see cref="IPreferenceOracle"/>, so the neural learner sees a game only through its oracle.</summary>
internal static class QueriedOracle
{
    /// <summary>
    /// <c>P(y ≻ y′ | x)</c> of prompt x for two token sequences of <paramref name="space"/>, one query each (the trainer's
    /// groups are small); counted by <paramref name="oracle"/>.
    /// </summary>
    internal static PromptOracle Of(IPreferenceOracle oracle, SequenceSpace space)
    {
        var answer = new double[1];
        return (x, y, yPrime) =>
        {
            oracle.Probabilities(x, [space.Index(y)], [space.Index(yPrime)], answer);
            return answer[0];
        };
    }
}
