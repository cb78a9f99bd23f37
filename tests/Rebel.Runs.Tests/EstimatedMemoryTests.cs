using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Oracles;
using Rebel.Runs.Json;

namespace Rebel.Runs.Tests;

public sealed class EstimatedMemoryTests
{
    [Fact]
    public void AnEstimatedJudgesGameAndEvaluationTakeMemoryInNNotNSquared()
    {
        // eval-budget=0: the matrix is not asked for, so nothing starts and the placeholder must not be an n×n matrix
        // (10,000² doubles are 800 MB; issue 19 measured 3.6 GB for this run before).
        const string spec = "judge:cmd=\"no-such-judge\",responses=10000,eval-budget=0";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var game = GameSource.Load(spec, JudgeConsent.All);
        long load = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(64, RunConfigJson.GameHash(game).Length);
        long hash = GC.GetAllocatedBytesForCurrentThread() - before;
        using var judge = new JudgeOracle(game.Judge!);
        var evaluator = PolicyEvaluator.For(game, judge, seed: 0);
        Assert.False(evaluator.IsExact);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64L << 20, $"load {load}, hash {hash}, evaluator {allocated} bytes");
    }
}
