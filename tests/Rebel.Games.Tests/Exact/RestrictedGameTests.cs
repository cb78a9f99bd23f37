using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

[Collection(nameof(ComputeThreads))]
public class RestrictedGameTests
{
    [Fact]
    public void ARestrictedDictionarySolvesTheGameOfItsPool()
    {
        var context = RandomSkewGame.Create(60, 4);
        int[] pool = [.. Enumerable.Range(0, 60).Where(i => i % 3 != 1)];
        var dictionary = new LemkeDictionary(context.PreferenceValues, 60, pool);
        Assert.True(dictionary.Run(100 * 60));
        var z = dictionary.Solution();
        Assert.Equal(60, z.Length);
        Assert.All(Enumerable.Range(0, 60).Where(i => i % 3 == 1), i => Assert.Equal(0, z[i]));
        var sub = GameContext.Adopt("sub", 1, [.. pool.Select(i => context.Responses[i])],
            Matrix<double>.Build.Dense(pool.Length, pool.Length, (i, j) => context.Preference[pool[i], pool[j]]));
        var winner = MinimaxWinner.Solve(sub);
        Assert.True(winner.DualityGap < 1e-12);
        for (int a = 0; a < pool.Length; a++)
            Assert.Equal(winner.Policy[a], z[pool[a]] / z.Sum(), 9);
    }

    [Fact]
    public void APoolMissingPartOfTheSupportGrowsUntilTheWinnerIsTheWholeGames()
    {
        var context = RandomSkewGame.Create(200, 5);
        var whole = MinimaxWinner.Solve(context);
        Assert.True(whole.DualityGap < 1e-12);
        // Leave out three supported responses: the pool's winner is beaten by them, so they must join.
        int[] missing = [.. whole.Support.Take(3)];
        int[] guess = [.. whole.Support.Except(missing)];
        int[] pool = [.. Enumerable.Range(0, 200).Except(missing).Take(150).Union(guess).Order()];
        var result = MinimaxWinner.Attempt(context, guess, pool, 100 * 200, MinimaxWinnerOptions.Default);
        Assert.NotNull(result);
        Assert.True(result.DualityGap < 1e-12, $"duality gap {result.DualityGap}");
        Assert.Subset(result.Support.ToHashSet(), missing.ToHashSet());
        Assert.Equal(whole.Support, result.Support);
    }
}
