using System.Globalization;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Bench.Figures;

/// <summary>
/// One sampled REBEL iteration (issue 4 §10): a contextual game of <paramref name="contexts"/> × <paramref name="n"/>
/// responses, K samples per context, all pairs queried, exact least squares; also the bytes allocated per
/// iteration, which must not grow with the number of contexts.
/// </summary>
/// <param name="contexts">Number of contexts.</param>
/// <param name="n">Responses per context.</param>
/// <param name="k">Samples per context.</param>
public sealed class SampledRebelFigure(int contexts, int n, int k) : IFigure
{
    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int iterations = context.Quick ? 10 : 50;
        var game = GameSource.Load(string.Create(CultureInfo.InvariantCulture, $"contextual:family=random,contexts={contexts},n={n}"));
        var shared = new SelfPlayOptions { Samples = SampleCount.Of(k) };
        var rebel = new RebelAlgorithm(game, 0.1, 1, shared, new RebelOptions());
        for (int i = 0; i < 3; i++)
            rebel.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        double seconds = BenchContext.BestSeconds(iterations, () => rebel.Step());
        double allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        yield return new FigureRow(
            $"sampled REBEL {contexts}×{n}, K={k}, exact LS, ms/iteration",
            seconds * 1e3,
            double.NaN,
            string.Create(CultureInfo.InvariantCulture, $"best of {iterations}; {allocated:F0} bytes allocated per iteration; {contexts * k * (k - 1) / 2} oracle queries"));
    }
}
