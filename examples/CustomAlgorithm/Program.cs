using CustomAlgorithm;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Runs;

// An algorithm the library does not know, registered from this assembly and run like any built-in one.
AlgorithmCatalog.Register(typeof(AnytimeHedgeOptions).Assembly);
if (AlgorithmCatalog.All[^1].Name != "anytime-hedge")
    return Fail("the registered algorithm is not listed last");

var game = GameSource.Load("weighted-rps");
var config = new RunConfig { Game = "weighted-rps", Algorithm = "anytime-hedge", Iterations = 4000, Seed = 0,
                             AlgorithmOptions = new AnytimeHedgeOptions { Eta = 1 } };
string directory = Path.Combine("runs", "anytime-hedge");
RunResult result;
using (var run = SelfPlayRun.Create(directory, config, game))
    result = run.Run();

// The average iterate converges to the minimax winner: its gap falls by a factor of 10 over the run.
var gaps = result.DualityGapAverage;
Console.WriteLine($"anytime-hedge on weighted-rps: dg_avg {gaps[9]:G3} at iteration 10, {gaps[^1]:G3} at {result.Final!.Iteration}");
if (!(gaps[^1] < gaps[9] / 10))
    return Fail("the average iterate's duality gap did not fall");

// A resumed (here: already finished) run finds the algorithm through the same catalogue.
using (var resumed = SelfPlayRun.Resume(directory))
    if (resumed.Algorithm.Name != "anytime-hedge" || !resumed.IsComplete)
        return Fail("the run did not resume as anytime-hedge");

// Its options are validated by the record itself and name the property.
try
{
    using var bad = SelfPlayRun.Create(Path.Combine("runs", "bad"), config with { AlgorithmOptions = new AnytimeHedgeOptions { Eta = -1 } }, game);
    return Fail("a negative step size was accepted");
}
catch (RunException e) when (e.Option?.Option.Property == nameof(AnytimeHedgeOptions.Eta))
{
    Console.WriteLine($"refused as expected: {e.Message}");
}
return 0;

static int Fail(string why)
{
    Console.Error.WriteLine($"CustomAlgorithm: {why}");
    return 1;
}
