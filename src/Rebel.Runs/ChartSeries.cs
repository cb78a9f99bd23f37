namespace Rebel.Runs;

/// <summary>One curve of an <see cref="SvgLineChart"/>, optionally with a band around it.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X coordinates, increasing.</param>
/// <param name="Y">Y coordinates; non-finite values, and non-positive ones on a log axis, are left out.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Lower edge of a shaded band at each of <see cref="X"/> (e.g. the minimum over seeds), or null for no band; needs <see cref="Upper"/>.</summary>
    public IReadOnlyList<double>? Lower { get; init; }

    /// <summary>Upper edge of the band at each of <see cref="X"/>, or null for no band; needs <see cref="Lower"/>.</summary>
    public IReadOnlyList<double>? Upper { get; init; }

    /// <summary>
    /// Whether the curve is a reference rather than data (e.g. a theoretical bound): drawn thin, black and dotted, and
    /// not given one of the data styles, so that the data series keep their colours whether or not a reference is drawn.
    /// </summary>
    public bool IsReference { get; init; }
}
