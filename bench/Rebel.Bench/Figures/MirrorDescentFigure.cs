using Rebel.Games.Zoo;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Bench.Figures;

/// <summary>Exact mirror descent on one dense random n×n game, float64 and float32 storage, against <c>md_numpy.py</c>.</summary>
/// <param name="n">Number of responses.</param>
public sealed class MirrorDescentFigure(int n) : IFigure
{
    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int horizon = context.Quick ? 100 : 1000;
        var game = TabularGame.Single("random", RandomSkewGame.Create(n, 0));
        foreach (var storage in new[] { PreferenceStorage.Float64, PreferenceStorage.Float32 })
        {
            double seconds = Time(game, horizon, storage);
            bool single = storage == PreferenceStorage.Float32;
            string[] arguments = single ? [$"{n}", $"{horizon}", "0", "--f32"] : [$"{n}", $"{horizon}", "0"];
            var peer = context.Peers?.Script("md_numpy.py", TimeSpan.FromMinutes(10), arguments);
            // A large game's complementary pairs (P_ji = 1 − P_ij) let the product read only the upper triangle.
            bool triangle = MirrorDescent.ReadsTriangle(n, storage);
            double bytesPerSecond = (double)n * n * (single ? sizeof(float) : sizeof(double)) / (triangle ? 2 : 1) * horizon / seconds;
            yield return new FigureRow(
                $"MD n={n} {(single ? "f32" : "f64")}, ms/iteration",
                seconds / horizon * 1e3,
                Peers.Number(peer, "ms_per_iter"),
                Efficiency.Describe(bytesPerSecond, context) + (triangle ? " (the upper triangle)" : "") + $"; goal ratio ≤ 0.9 (issue 26); T={horizon}");
        }
    }

    /// <summary>
    /// Wall time of <paramref name="horizon"/> steps of a fresh run, after another run has stepped for half a second:
    /// the hot loops are optimised from their first call, but the runtime still compiles the rest in the background
    /// for a few hundred milliseconds (10,000 contexts' steps ran 40–70 % slower meanwhile), and the peer has no JIT.
    /// </summary>
    internal static double Time(TabularGame game, int horizon, PreferenceStorage storage)
    {
        var warm = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon), null, storage);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int t = 0; t < 5 || clock.Elapsed.TotalSeconds < 0.5; t++)
            warm.Step();
        var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon), null, storage);
        return BenchContext.BestSeconds(1, () =>
        {
            for (int t = 0; t < horizon; t++)
                md.Step();
        });
    }
}
