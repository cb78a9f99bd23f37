using Rebel.Games;
using Rebel.Preference;
using Rebel.Runs;

// REBEL self-play on the built-in Condorcet game, into a run directory as `rebel selfplay` writes it.
var game = GameSource.Load("condorcet");
var config = new RunConfig { Game = "condorcet", Algorithm = "rebel", Iterations = 2000, Seed = 1,
                             Shared = new SelfPlayOptions { Samples = SampleCount.Of(4) } };
RunResult result;
using (var run = SelfPlayRun.Create("runs/quickstart", config, game))
    result = run.Run();
// After a crash, SelfPlayRun.Resume("runs/quickstart").Run() continues from the last checkpoint.

double gap = result.Final!.DualityGapAverage;
Console.WriteLine($"average-iterate duality gap after {result.Final.Iteration} iterations: {gap:G3}");
return gap < 0.05 ? 0 : 1;
