namespace Rebel.Preference.Runs;

/// <summary>One curve of an <see cref="SvgLineChart"/>.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X coordinates, increasing.</param>
/// <param name="Y">Y coordinates; non-finite and non-positive values are left out on a log axis.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
