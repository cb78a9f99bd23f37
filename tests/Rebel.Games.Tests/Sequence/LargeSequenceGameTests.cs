using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Tests.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Sequence;

/// <summary>seq-majority beyond the 4,096 sequences a context stores: contexts judged by a kernel, no matrix.</summary>
public class LargeSequenceGameTests
{
    private static readonly SequenceMajority Family = new();

    [Fact]
    public void AboveTheStoredSizeTheContextsAreKernelsThatWinRateAndTheOracleEntriesUse()
    {
        var game = GameZoo.Create("seq-majority:vocab=4,length=7,annotators=3,seed=1,prompts=2");
        Assert.Equal(2, game.Contexts.Count);
        foreach (var (context, prompt) in game.Contexts.Select((c, x) => (c, x)))
        {
            Assert.Equal(16_384, context.Count);
            var kernel = Assert.IsType<ImplicitSequenceMajority>(context.Kernel);
            var reference = ImplicitSequenceMajority.Create(GameSpec.Parse("seq-majority:vocab=4,length=7,annotators=3,seed=1,prompts=2", Family), prompt);
            var pi = BlockedWinRateTests.RandomPolicy(context.Count, 7 + prompt);
            var expected = new double[context.Count];
            reference.WinRates(pi, expected);
            Assert.Equal(expected, WinRate.Against(context, Vector<double>.Build.Dense(pi)).ToArray());
            Assert.Equal(reference.DualityGap(pi), DualityGap.Of(context, Vector<double>.Build.Dense(pi)));
            Assert.Equal(reference.Preference(5, 9000), kernel.Preference(5, 9000));
        }
        // The prompts have their own annotators: the same policy wins differently.
        var p = Vector<double>.Build.Dense(BlockedWinRateTests.RandomPolicy(16_384, 3));
        Assert.True((WinRate.Against(game.Contexts[0], p) - WinRate.Against(game.Contexts[1], p)).L1Norm() > 1);
    }

    [Fact]
    public void WhatNeedsTheMatrixIsRefusedInOneLine()
    {
        var context = GameZoo.Create("seq-majority:vocab=4,length=7").Contexts[0];
        var e = Assert.Throws<GameValidationException>(() => context.Preference);
        Assert.Equal("context 'x0': its 16384 responses have no stored preference matrix; only neural self-play (its exact win rates and its oracle) runs on such a game", e.Message);
        Assert.Throws<GameValidationException>(() => MinimaxWinner.Solve(context));
        // At most 4,096 sequences the matrix is stored as before.
        Assert.Null(GameZoo.Create("seq-majority:vocab=4,length=6").Contexts[0].Kernel);
        Assert.Contains("vocab^length ≤ 1048576", Assert.Throws<GameValidationException>(() => GameZoo.Create("seq-majority:vocab=4,length=11")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKernelMustAnswerForTheContextsResponses()
    {
        var space = new SequenceSpace(2, 3);
        var (_, _, utilities) = SequenceMajority.Annotate(GameSpec.Parse("seq-majority:vocab=2,length=3", Family), 64);
        var kernel = new ImplicitSequenceMajority(space, utilities[0]);
        var e = Assert.Throws<GameValidationException>(() => new GameContext("x", 1, ["a", "b"], kernel));
        Assert.Contains("answers for 8 responses but there are 2", e.Message, StringComparison.Ordinal);
        var names = Enumerable.Range(0, 8).Select(space.Name).ToArray();
        var context = new GameContext("x", 1, names, kernel);
        // A renamed copy (contexts of a contextual game, weights normalised by TabularGame) keeps the kernel.
        Assert.Same(kernel, TabularGame.Single("g", context).Contexts[0].Kernel);
    }
}
