// Self-play with a judge process (docs/judge-protocol.md): cyclic_judge.py answers batches of pairs as JSON lines.
// The evaluation asks it once for its full matrix (exact dg_avg); the learner asks it for every batch it samples.
// Exits 0 only if the duality gap fell.
using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference;
using Rebel.Preference.Oracles;

string spec = $"judge:cmd=\"python3 cyclic_judge.py --n 5\",responses=5,dir=\"{AppContext.BaseDirectory}\"";

double Gap(int horizon)
{
    using var judge = new JudgeOracle(GameSource.Judge(spec)!);
    var setup = new AlgorithmSetup(GameSource.Load(spec, JudgeConsent.All), horizon, Seed: 0, new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli }, Options: null)
    {
        Oracle = judge,
    };
    var algorithm = AlgorithmCatalog.Find("rebel").Instantiate(setup);
    IterationMetrics last = null!;
    for (int t = 0; t < horizon; t++)
        last = algorithm.Step();
    Console.WriteLine($"T = {horizon}: dg_avg {last.DualityGapAverage:F4}; the judge answered {judge.Queries} queries in {judge.Requests} requests");
    return last.DualityGapAverage;
}

try
{
    double early = Gap(50), late = Gap(1000);
    Console.WriteLine(late < early / 2 ? "the gap fell" : "the gap did not fall");
    return late < early / 2 ? 0 : 1;
}
catch (GameValidationException e)
{
    // A judge that fails (exits, times out, answers a malformed line) says so in one line.
    Console.Error.WriteLine(e.Message);
    return 2;
}
