// A custom preference oracle driving REBEL self-play through the library; exits 0 only if the duality gap fell.
using Rebel.Preference;
using Rebel.Preference.Oracles;

double Gap(int horizon)
{
    var oracle = new CyclicOracle();
    var setup = new AlgorithmSetup(oracle.ToGame("cyclic"), horizon, Seed: 0, new SelfPlayOptions(), Options: null) { Oracle = oracle };
    var algorithm = AlgorithmCatalog.Find("rebel").Instantiate(setup);
    IterationMetrics last = null!;
    for (int t = 0; t < horizon; t++)
        last = algorithm.Step();
    Console.WriteLine($"T = {horizon}: dg_avg {last.DualityGapAverage:F4} after {last.Extra.Single(e => e.Key == "oracle_queries").Value} queries");
    return last.DualityGapAverage;
}

double early = Gap(50), late = Gap(2000);
Console.WriteLine(late < early / 3 ? "the gap fell" : "the gap did not fall");
return late < early / 3 ? 0 : 1;

/// <summary>Rock–paper–scissors with unequal margins: each response beats the next by its own margin.</summary>
internal sealed class CyclicOracle : PreferenceOracle
{
    private static readonly double[] Margins = [0.1, 0.3, 0.45];

    public override int ContextCount => 1;

    public override int ResponseCount(int context) => 3;

    public override double Probability(int context, int a, int b) =>
        a == b ? 0.5 : (b - a + 3) % 3 == 1 ? 0.5 + Margins[a] : 0.5 - Margins[b];
}
