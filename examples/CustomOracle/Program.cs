// A custom preference oracle driving REBEL self-play through the library into a run directory, as the CLI writes one
// (config, metrics, checkpoints, plots, policy): the run is stopped part-way, as a kill would, and resumed with the
// oracle it declared. Exits 0 only if the resumed run finished and the duality gap fell.
using Rebel.Preference;
using Rebel.Preference.Oracles;
using Rebel.Runs;

var builder = new RunBuilder(new CyclicOracle(), new OracleIdentity("cyclic-margins", "1"))
{
    Algorithm = "rebel",
    Iterations = 2000,
    Shared = new SelfPlayOptions { Samples = SampleCount.Of(4) },
};
string directory = Path.GetFullPath(args.Length > 0 ? args[0] : "cyclic-run");

// The first session stops after 500 iterations; its checkpoint is written as it stops.
using var stop = new CancellationTokenSource();
try
{
    builder.CreateOrResume(directory).Run(m =>
    {
        if (m.Iteration == 500)
            stop.Cancel();
    }, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine($"stopped at iteration 500; {directory} holds the checkpoint");
}

// A later session (a new process would build the same oracle again) picks the run up where it stopped.
var result = builder.CreateOrResume(directory).Run();
double first = result.DualityGapAverage[0], last = result.Final!.DualityGapAverage;
Console.WriteLine($"T = {result.Final.Iteration}: dg_avg {first:F4} -> {last:F4}, {result.Final.Extra.Single(e => e.Key == "oracle_queries").Value} queries; plot: {Path.Combine(directory, "plot.svg")}");
bool fell = result.Final.Iteration == 2000 && last < first / 10;
if (!fell)
    Console.Error.WriteLine("the gap did not fall tenfold over the resumed run");
return fell ? 0 : 1;

/// <summary>Rock–paper–scissors with unequal margins: each response beats the next by its own margin.</summary>
internal sealed class CyclicOracle : PreferenceOracle
{
    private static readonly double[] Margins = [0.1, 0.3, 0.45];

    public override int ContextCount => 1;

    public override int ResponseCount(int context) => 3;

    public override double Probability(int context, int a, int b) =>
        a == b ? 0.5 : (b - a + 3) % 3 == 1 ? 0.5 + Margins[a] : 0.5 - Margins[b];
}
