using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Tests;

public class TabularGameTests
{
    private static GameContext Context(string name, double weight) =>
        new(name, weight, ["a"], Matrix<double>.Build.Dense(1, 1, 0.5));

    [Fact]
    public void NormalisesWeights()
    {
        var game = new TabularGame("g", [Context("x", 1), Context("y", 3)]);
        Assert.Equal(0.25, game.Contexts[0].Weight);
        Assert.Equal(0.75, game.Contexts[1].Weight);
    }

    [Fact]
    public void RejectsNoContextsDuplicateNamesAndOverflowingWeights()
    {
        Assert.Equal("game 'g': it has no contexts", Assert.Throws<GameValidationException>(() => new TabularGame("g", [])).Message);
        Assert.Equal("game 'g': contexts[2] repeats the context name 'x' of contexts[0]",
            Assert.Throws<GameValidationException>(() => new TabularGame("g", [Context("x", 1), Context("y", 1), Context("x", 1)])).Message);
        Assert.StartsWith("game 'g': the context weights sum to infinity",
            Assert.Throws<GameValidationException>(() => new TabularGame("g", [Context("x", double.MaxValue), Context("y", double.MaxValue)])).Message, StringComparison.Ordinal);
    }
}
