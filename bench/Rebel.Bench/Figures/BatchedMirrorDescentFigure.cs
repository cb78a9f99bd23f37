using System.Globalization;
using Rebel.Games.Zoo;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Bench.Figures;

/// <summary>Exact mirror descent on many small contexts (e.g. 10,000 × 16): per-context overhead against memory traffic.</summary>
/// <param name="contexts">Number of contexts.</param>
/// <param name="n">Responses per context.</param>
public sealed class BatchedMirrorDescentFigure(int contexts, int n) : IFigure
{
    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int horizon = context.Quick ? 20 : 200;
        var game = new TabularGame("batched", Enumerable.Range(0, contexts)
            .Select(c => RandomSkewGame.Create(n, c))
            .Select((g, c) => new GameContext("x" + c.ToString(CultureInfo.InvariantCulture), 1, g.Responses, g.Preference))
            .ToArray());
        foreach (var storage in new[] { PreferenceStorage.Float64, PreferenceStorage.Float32 })
        {
            double seconds = MirrorDescentFigure.Time(game, horizon, storage);
            int bytes = storage == PreferenceStorage.Float32 ? sizeof(float) : sizeof(double);
            double bytesPerSecond = (double)contexts * n * n * bytes * horizon / seconds;
            yield return new FigureRow(
                $"MD {contexts}×{n} contexts {(bytes == 4 ? "f32" : "f64")}, ms/iteration",
                seconds / horizon * 1e3,
                double.NaN,
                Efficiency.Describe(bytesPerSecond, context) + $"; T={horizon}");
        }
    }
}
