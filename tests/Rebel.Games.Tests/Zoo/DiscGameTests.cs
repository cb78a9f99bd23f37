using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class DiscGameTests
{
    [Fact]
    public void EvenLayoutWithLinearLinkIsTheRotatingDiscGame()
    {
        // Points at 0°, 90°, 180°, 270°: f(a, b) = sin(θ_b − θ_a).
        var game = GameZoo.Create("disc:n=4,layout=even");
        var p = game.Contexts[0].Preference;
        Assert.Equal(1.0, p[0, 1], 15);
        Assert.Equal(0.5, p[0, 2], 15);
        Assert.Equal(0.0, p[0, 3], 15);
        // By rotational symmetry uniform is a minimax winner.
        ZooAssert.MinimaxWinner(game, 0.25, 0.25, 0.25, 0.25);
    }

    [Theory]
    [InlineData("disc:n=7,seed=1")]
    [InlineData("disc:n=7,seed=1,link=sigmoid,scale=3")]
    public void PreferencesComeFromTheUnitPointsInTheFeatures(string spec)
    {
        var c = GameZoo.Create(spec).Contexts[0];
        var u = c.Features!;
        bool sigmoid = spec.Contains("sigmoid", StringComparison.Ordinal);
        for (int a = 0; a < c.Count; a++)
        {
            Assert.Equal(1, u[a, 0] * u[a, 0] + u[a, 1] * u[a, 1], 14);
            for (int b = 0; b < c.Count; b++)
            {
                double f = u[a, 0] * u[b, 1] - u[a, 1] * u[b, 0];
                double expected = sigmoid ? 1 / (1 + Math.Exp(-3 * f)) : (1 + f) / 2;
                Assert.Equal(expected, c.Preference[a, b], 14);
            }
        }
    }
}
