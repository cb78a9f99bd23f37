using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Tests;

public class GameContextTests
{
    private static Matrix<double> Matrix(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    private static string Rejected(Func<GameContext> create)
    {
        var e = Assert.Throws<GameValidationException>(() => create());
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Theory]
    [InlineData(double.NaN, "= NaN must be a probability in [0, 1]")]
    [InlineData(double.PositiveInfinity, "= Infinity must be a probability in [0, 1]")]
    [InlineData(-0.1, "= -0.1 must be a probability in [0, 1]")]
    public void RejectsNonFiniteAndOutOfRangeEntriesNamingTheResponses(double bad, string expected)
    {
        string m = Rejected(() => new GameContext("q", 1, ["yes", "no"], Matrix(new[,] { { 0.5, 0.5 }, { bad, 0.5 } })));
        Assert.Equal("context 'q': preference[1][0] ('no' over 'yes') " + expected, m);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsAWeightThatIsNotPositiveAndFinite(double weight)
    {
        Assert.StartsWith("context 'q': weight", Rejected(() => new GameContext("q", weight, ["a"], Matrix(new[,] { { 0.5 } }))), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsEmptyAndDuplicateResponseNames()
    {
        var half = Matrix(new[,] { { 0.5, 0.5 }, { 0.5, 0.5 } });
        Assert.Equal("context 'q': responses[1] has an empty name", Rejected(() => new GameContext("q", 1, ["a", ""], half)));
        Assert.Equal("context 'q': responses[1] repeats the name 'a' of responses[0]", Rejected(() => new GameContext("q", 1, ["a", "a"], half)));
        Assert.Equal("context 'q': the response set is empty", Rejected(() => new GameContext("q", 1, [], Matrix<double>.Build.Dense(0, 0))));
    }

    [Fact]
    public void RejectsFeaturesThatDoNotFitTheResponses()
    {
        var p = Matrix(new[,] { { 0.5, 0.5 }, { 0.5, 0.5 } });
        Assert.Equal("context 'q': features have 3 rows but there are 2 responses",
            Rejected(() => new GameContext("q", 1, ["a", "b"], p, Matrix<double>.Build.Dense(3, 1))));
        Assert.Equal("context 'q': features[1][0] = NaN must be finite",
            Rejected(() => new GameContext("q", 1, ["a", "b"], p, Matrix(new[,] { { 0.0 }, { double.NaN } }))));
    }

    [Fact]
    public void KeepsAValidContextAsGiven()
    {
        var p = Matrix(new[,] { { 0.5, 0.9 }, { 0.1, 0.5 } });
        var c = new GameContext("q", 2, ["a", "b"], p);
        Assert.Equal(2, c.Count);
        Assert.Equal(0.9, c.Preference[0, 1]);
        Assert.Equal(2, c.Weight);
        Assert.Equal(0.5, c.WithWeight(0.5).Weight);
        Assert.Throws<GameValidationException>(() => c.WithWeight(0));
    }

    [Fact]
    public void KeepsItsOwnCopyOfTheCallersMatrices()
    {
        // Rock-paper-scissors: the uniform policy's duality gap is 0. Changing the caller's arrays afterwards (even into
        // an invalid game) must change nothing the context computes.
        var p = Matrix(new[,] { { 0.5, 1, 0 }, { 0, 0.5, 1 }, { 1, 0, 0.5 } });
        var features = Matrix(new[,] { { 1.0 }, { 2.0 }, { 3.0 } });
        var c = new GameContext("q", 1, ["r", "p", "s"], p, features);
        var uniform = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3, 1.0 / 3);
        double before = Rebel.Games.Exact.DualityGap.Of(c, uniform);
        p[0, 1] = 7;
        p[1, 0] = -6;
        features[0, 0] = double.NaN;
        Assert.Equal(before, Rebel.Games.Exact.DualityGap.Of(c, uniform));
        Assert.Equal(0, before, 12);
        Assert.Equal(1, c.Preference[0, 1]);
        Assert.Equal(1, c.Features![0, 0]);
    }
}
