using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural;

/// <summary>
/// A transformer policy over the responses of an enumerable sequence game: every response follows its context's
/// prompt (<see cref="PromptSet"/>), and <c>π(y | x)</c> is computed exactly for all V^L sequences of every prompt.
/// </summary>
public static class SequencePolicy
{
    /// <summary><c>π(y | x)</c> for every sequence of <paramref name="space"/> in index order after the prompt <paramref name="prompt"/> (<see cref="Evaluation.PrefixEnumeration"/>).</summary>
    public static double[] Probabilities(TransformerPolicy policy, SequenceSpace space, ReadOnlySpan<long> prompt) =>
        Evaluation.PrefixEnumeration.Probabilities(policy, space, prompt);

    /// <summary>The exact duality gap of <paramref name="policy"/> in the enumerable sequence game, weighted over its prompts.</summary>
    public static double ExactDualityGap(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Games.Exact.DualityGap.Of(game.Game, ToTabular(policy, game));
    }

    /// <summary>The policy as a <see cref="TabularPolicy"/> of the sequence game, one distribution per prompt.</summary>
    public static TabularPolicy ToTabular(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var prompts = PromptSet.Of(game);
        return new(Enumerable.Range(0, prompts.Count)
            .Select(c => Vector<double>.Build.Dense(Probabilities(policy, game.Space, prompts.Tokens(c)))).ToArray());
    }
}
