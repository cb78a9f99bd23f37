namespace Rebel.Bench.Figures;

/// <summary>A STREAM-like copy of two 128 MiB arrays: the memory bandwidth the memory-bound kernels are judged against.</summary>
public sealed class StreamCopyFigure : IFigure
{
    private const int Length = 16 << 20;

    /// <inheritdoc/>
    public IEnumerable<FigureRow> Measure(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = new double[Length];
        var target = new double[Length];
        Array.Fill(source, 1.0);
        // Touch the target once so that page faults are not timed.
        source.AsSpan().CopyTo(target);
        double seconds = BenchContext.BestSeconds(context.Quick ? 10 : 20, () => source.AsSpan().CopyTo(target));
        // STREAM counts a copy as one read and one write of every byte.
        context.CopyBandwidth = 2.0 * Length * sizeof(double) / seconds;
        yield return new FigureRow("copy bandwidth, GB/s (read + write)", context.CopyBandwidth / 1e9, double.NaN, "best of repeated 128 MiB copies", LowerIsBetter: false);
    }
}
