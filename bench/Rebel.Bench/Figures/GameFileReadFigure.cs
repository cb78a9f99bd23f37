using System.Diagnostics;
using System.Globalization;
using Rebel.Games;

namespace Rebel.Bench.Figures;

/// <summary>
/// Reading a <c>rebel-game/1</c> JSON file of one random n × n game (issue 26 §2: loading at disk speed), best of three,
/// against Python's C-accelerated <c>json.load</c> plus <c>numpy.array</c> of the matrix on the same file; also the
/// file's size over Rebel's time (MB/s).
/// </summary>
/// <param name="n">Responses.</param>
public sealed class GameFileReadFigure(int n) : IFigure
{
    private const string PeerCode =
        "import json, sys, time, numpy\n" +
        "best = 1e9\n" +
        "for _ in range(3):\n" +
        "    t = time.perf_counter()\n" +
        "    with open(sys.argv[1], 'rb') as f:\n" +
        "        g = json.load(f)\n" +
        "    p = numpy.array(g['contexts'][0]['preference'], dtype=numpy.float64)\n" +
        "    best = min(best, time.perf_counter() - t)\n" +
        "print(f'seconds={best}')\n";

    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path = Path.Combine(context.Scratch, string.Create(CultureInfo.InvariantCulture, $"read-{n}.json"));
        GameFile.Write(path, GameSource.Load(string.Create(CultureInfo.InvariantCulture, $"random:n={n},seed=1")));
        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            _ = GameFile.Read(path);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        double peer = context.Peers is null ? double.NaN : Peers.Number(context.Peers.Code(PeerCode, TimeSpan.FromMinutes(5), path), "seconds");
        double megabytes = new FileInfo(path).Length / 1e6;
        yield return new FigureRow(
            string.Create(CultureInfo.InvariantCulture, $"read a random n={n} game file (JSON), s"),
            best,
            peer,
            string.Create(CultureInfo.InvariantCulture, $"best of 3; {megabytes:F0} MB, {megabytes / best:F0} MB/s; peer: json.load + numpy.array"));
    }
}
