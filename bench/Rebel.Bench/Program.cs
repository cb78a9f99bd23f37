using System.Globalization;
using Rebel.Bench;
using Rebel.Bench.Egpo;
using Rebel.Bench.Figures;
using Rebel.Preference;

// `egpo` reproduces EGPO's simulation suite (a convergence study, not a speed figure) into bench/egpo/.
if (args.FirstOrDefault() == "egpo")
    return EgpoSimulation.Run(args);
// `last-iterate` compares the last-iterate methods by their last iterates into bench/last-iterate/.
if (args.FirstOrDefault() == "last-iterate")
    return Rebel.Bench.LastIterate.LastIterateSuite.Run(args);

bool quick = args.Contains("--quick");
int only = Array.IndexOf(args, "--only");
string? filter = only >= 0 && only + 1 < args.Length ? args[only + 1] : null;
// --mw-sizes 2048,4096 replaces the solver's sizes; --no-peers measures Rebel alone (HiGHS takes minutes past n = 2000).
int mwAt = Array.IndexOf(args, "--mw-sizes");
int[]? mwSizes = mwAt >= 0 && mwAt + 1 < args.Length ? args[mwAt + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() : null;
var peers = args.Contains("--no-peers") ? null : Peers.Find();
var context = new BenchContext(quick, peers);
Console.WriteLine(peers is null ? "peers: not found (set REBEL_PEERS or install python3-numpy python3-scipy)" : $"peers: {peers.Directory}");
// --only NAME keeps the figures whose class name contains NAME; the copy figure always runs (efficiencies need it).
IFigure[] figures =
[
    new StreamCopyFigure(),
    new MirrorDescentFigure(1000),
    new MirrorDescentFigure(4096),
    new BatchedMirrorDescentFigure(10_000, 16),
    new MinimaxWinnerFigure(mwSizes ?? (quick ? [100, 300, 1000] : [300, 1000, 2000])),
    new SampledRebelFigure(10_000, 16, 4),
    new GameFileReadFigure(2000),
    new EvaluationShareFigure(58),
    new EvaluationShareFigure(256),
    new EvaluationShareFigure(1000),
    new EvaluationShareFigure(2048),
    new SampledConvergenceFigure("condorcet", FeedbackKind.Exact, 10, [1_000, 10_000, 100_000]),
    new SampledConvergenceFigure("condorcet", FeedbackKind.Bernoulli, 10, [1_000, 10_000, 100_000]),
    new SampledConvergenceFigure("bt-mixture:n=58,k=3,layout=cyclic", FeedbackKind.Bernoulli, 10, [2_000, 20_000]),
    new SampledConvergenceFigure("gpm:n=58,k=2", FeedbackKind.Bernoulli, 10, [2_000, 20_000]),
    // A real tournament (bench/tournament/README.md); the path is the repository's, so run the bench from its root.
    new SampledConvergenceFigure(Path.Combine("bench", "tournament", "epl-2008-2013.json"), FeedbackKind.Bernoulli, 10, [2_000, 20_000]),
];
Console.WriteLine();
Console.WriteLine("| figure | Rebel | peer | ratio | note |");
Console.WriteLine("|---|---:|---:|---:|---|");
foreach (var figure in figures.Where(f => filter is null || f is StreamCopyFigure || f.GetType().Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
{
    foreach (var row in figure.Measure(context))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {row.Figure} | {Format(row.Rebel)} | {Format(row.Peer)} | {Format(row.Ratio)} | {row.Note} |"));
    }
}
Directory.Delete(context.Scratch, recursive: true);
return 0;

static string Format(double v) => double.IsNaN(v) ? "—" : v.ToString(Math.Abs(v) >= 100 ? "F0" : Math.Abs(v) >= 1 ? "F2" : "G3", CultureInfo.InvariantCulture);
