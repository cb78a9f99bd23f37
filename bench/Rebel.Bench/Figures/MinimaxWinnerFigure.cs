using System.Globalization;
using Rebel.Games.Zoo;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Bench.Figures;

/// <summary>
/// The exact minimax-winner solver on the peers' dense random games (the same instance, via <c>game_json.py</c>) against
/// <c>mw_scipy.py</c> (HiGHS), with the certificate of each and the fitted scaling exponent of time against n.
/// </summary>
/// <param name="sizes">The n values, ascending.</param>
public sealed class MinimaxWinnerFigure(IReadOnlyList<int> sizes) : IFigure
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(8);

    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        MinimaxWinner.Solve(RandomSkewGame.Create(60, 1));
        var ours = new List<(int N, double Seconds)>();
        var theirs = new List<(int N, double Seconds)>();
        foreach (int n in sizes)
        {
            var game = Instance(context, n);
            MinimaxWinnerResult? result = null;
            long before = ResetPeakResident();
            double seconds = BenchContext.BestSeconds(n <= 300 ? 3 : 1, () => result = MinimaxWinner.Solve(game));
            long peak = PeakResident();
            ours.Add((n, seconds));
            var peer = context.Peers?.Script("mw_scipy.py", PeerTimeout, $"{n}", "0");
            double peerSeconds = Peers.Number(peer, "seconds");
            if (!double.IsNaN(peerSeconds))
                theirs.Add((n, peerSeconds));
            string peerNote = context.Peers is null ? "" : peer is null ? $"; peer stopped after {PeerTimeout.TotalSeconds:F0} s, ratio < {seconds / PeerTimeout.TotalSeconds:G2}" : $"; peer DG={peer["dg"]}, support {peer["support"]}";
            yield return new FigureRow(
                $"MW n={n}, seconds",
                seconds,
                peerSeconds,
                string.Create(CultureInfo.InvariantCulture, $"DG={result!.DualityGap:G3}, support {result.Support.Count}{peerNote}; goal ratio ≤ 0.1 at n=1000"));
            if (peak > 0 && n >= 4096)
            {
                double matrix = (double)n * n * sizeof(double);
                yield return new FigureRow(
                    $"MW n={n}, peak resident memory while solving ÷ matrix",
                    peak / matrix,
                    double.NaN,
                    string.Create(CultureInfo.InvariantCulture, $"whole process {peak / 1e9:F2} GB (VmHWM), {before / 1e9:F2} GB before the solve (game, runtime); matrix {matrix / 1e9:F2} GB; goal ≤ 2.5 at n=10,000"));
            }
        }
        yield return new FigureRow("MW scaling exponent (time ∝ n^e)", Exponent(ours), theirs.Count >= 2 ? Exponent(theirs) : double.NaN, $"least squares of log t on log n over n = {string.Join(", ", sizes)}");
    }

    /// <summary>
    /// Collects and returns the garbage (the game's construction allocates a second n × n array), then resets the
    /// kernel's peak-resident mark (<c>/proc/self/clear_refs</c>, Linux ≥ 4.0); returns the resident bytes, or 0 where
    /// that is not available.
    /// </summary>
    private static long ResetPeakResident()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return Status("VmRSS");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The peak resident bytes since <see cref="ResetPeakResident"/>, or 0.</summary>
    private static long PeakResident() => Status("VmHWM");

    private static long Status(string field)
    {
        if (!File.Exists("/proc/self/status"))
            return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static GameContext Instance(BenchContext context, int n)
    {
        if (context.Peers is null)
            return RandomSkewGame.Create(n, 0);
        string path = Path.Combine(context.Scratch, $"random-{n}.json");
        if (context.Peers.Script("game_json.py", TimeSpan.FromMinutes(5), $"{n}", "0", path) is null || !File.Exists(path))
            return RandomSkewGame.Create(n, 0);
        return GameFile.Read(path).Contexts[0];
    }

    private static double Exponent(IReadOnlyList<(int N, double Seconds)> points)
    {
        double mx = points.Average(p => Math.Log(p.N)), my = points.Average(p => Math.Log(p.Seconds));
        double sxy = points.Sum(p => (Math.Log(p.N) - mx) * (Math.Log(p.Seconds) - my));
        double sxx = points.Sum(p => Math.Pow(Math.Log(p.N) - mx, 2));
        return sxy / sxx;
    }
}
