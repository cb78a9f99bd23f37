using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Preference.Policies;

namespace Rebel.Preference.Tests.Policies;

public class LogLinearPolicyTests
{
    [Fact]
    public void LogitsAreFeaturesTimesParametersAndDifferencesAreFeatureDifferences()
    {
        var basis = GameSource.Load("weighted-rps:margins=1/3/3,strength=1").Contexts[0];
        var features = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var policy = new LogLinearPolicy(TabularGame.Single("f", new GameContext("x0", 1, basis.Responses, basis.Preference, features)));
        policy.Parameters[0] = 0.5;
        policy.Parameters[1] = -1;
        var logits = new double[3];
        policy.Logits(0, logits);
        Assert.Equal([0.5, -1, -0.5], logits);
        var index = new int[2];
        var value = new double[2];
        Assert.Equal(2, policy.DifferenceFeatures(0, 2, 1, index, value));
        Assert.Equal([0, 1], index);
        Assert.Equal([1.0, 0.0], value);
    }
}
