using Rebel.Games;
using Rebel.Preference.Policies;

namespace Rebel.Preference.Tests.Policies;

public class TabularSoftmaxPolicyTests
{
    [Fact]
    public void EachContextOwnsItsLogitsAndADifferenceTouchesTwo()
    {
        var policy = new TabularSoftmaxPolicy(GameSource.Load("contextual:family=random,contexts=2,n=4"));
        Assert.Equal(8, policy.Parameters.Length);
        Assert.Equal(4, policy.Offset(1));
        policy.Parameters[5] = 2;
        var logits = new double[4];
        policy.Logits(1, logits);
        Assert.Equal([0.0, 2, 0, 0], logits);
        var index = new int[2];
        var value = new double[2];
        Assert.Equal(2, policy.DifferenceFeatures(1, 3, 1, index, value));
        Assert.Equal([7, 5], index);
        Assert.Equal([1.0, -1.0], value);
        Assert.Equal(0, policy.DifferenceFeatures(1, 2, 2, index, value));
    }
}
