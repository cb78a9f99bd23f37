using System.Globalization;
using System.Net;
using System.Text;

namespace Rebel.Preference.Runs;

/// <summary>
/// A self-contained SVG line chart with a linear x axis and a logarithmic y axis (decade ticks and grid),
/// axis labels, a title and a legend; long series are reduced to their per-pixel minimum and maximum so that
/// oscillating curves keep their envelope.
/// </summary>
public static class SvgLineChart
{
    private const double Width = 960, Height = 520, Left = 84, Top = 52, Bottom = 64;
    private const int MaxBuckets = 800;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Renders the chart.</summary>
    /// <param name="title">Title above the plot area.</param>
    /// <param name="xLabel">X-axis label.</param>
    /// <param name="yLabel">Y-axis label (the axis is logarithmic).</param>
    /// <param name="series">The curves, drawn in order with distinct colours.</param>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && p.Second > 0).ToArray();
        double xMin = points.Length == 0 ? 0 : points.Min(p => p.First), xMax = points.Length == 0 ? 1 : points.Max(p => p.First);
        if (xMax <= xMin)
            xMax = xMin + 1;
        int yLo = points.Length == 0 ? -3 : (int)Math.Floor(Math.Log10(points.Min(p => p.Second)));
        int yHi = points.Length == 0 ? 0 : (int)Math.Ceiling(Math.Log10(points.Max(p => p.Second)));
        if (yHi <= yLo)
            yHi = yLo + 1;
        // The legend sits right of the plot area so that it never hides a curve.
        double legendW = LegendWidth(series);
        double plotW = Width - Left - legendW - 36, plotH = Height - Top - Bottom;
        double Px(double x) => Left + (x - xMin) / (xMax - xMin) * plotW;
        double Py(double y) => Top + (yHi - Math.Log10(y)) / (yHi - yLo) * plotH;

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        YAxis(svg, yLo, yHi, Py, plotW);
        XAxis(svg, xMin, xMax, Px, plotH);
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#333\"/>\n"));
        svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 16}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Inv($"<text transform=\"translate(20 {Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n"));
        for (int s = 0; s < series.Count; s++)
            Curve(svg, series[s], Palette[s % Palette.Length], Px, Py, xMin, xMax);
        Legend(svg, series, Left + plotW + 16, legendW);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void YAxis(StringBuilder svg, int lo, int hi, Func<double, double> py, double plotW)
    {
        int step = Math.Max(1, (int)Math.Ceiling((hi - lo) / 10.0));
        for (int d = lo; d <= hi; d++)
        {
            double y = py(Math.Pow(10, d));
            if ((d - lo) % step == 0)
            {
                svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n"));
                svg.Append(Inv($"<line x1=\"{Left - 6}\" y1=\"{y:F1}\" x2=\"{Left}\" y2=\"{y:F1}\" stroke=\"#333\"/>\n"));
                svg.Append(Inv($"<text x=\"{Left - 10}\" y=\"{y + 4:F1}\" text-anchor=\"end\">10<tspan dy=\"-6\" font-size=\"10\">{d}</tspan></text>\n"));
            }
            if (d == hi || step > 1)
                continue;
            for (int m = 2; m <= 9; m++)
            {
                double ym = py(m * Math.Pow(10, d));
                svg.Append(Inv($"<line x1=\"{Left - 3}\" y1=\"{ym:F1}\" x2=\"{Left}\" y2=\"{ym:F1}\" stroke=\"#333\"/>\n"));
            }
        }
    }

    private static void XAxis(StringBuilder svg, double min, double max, Func<double, double> px, double plotH)
    {
        double step = NiceStep((max - min) / 8);
        for (double x = Math.Ceiling(min / step) * step; x <= max + step * 1e-9; x += step)
        {
            double p = px(x);
            svg.Append(Inv($"<line x1=\"{p:F1}\" y1=\"{Top}\" x2=\"{p:F1}\" y2=\"{Top + plotH}\" stroke=\"#eee\"/>\n"));
            svg.Append(Inv($"<line x1=\"{p:F1}\" y1=\"{Top + plotH}\" x2=\"{p:F1}\" y2=\"{Top + plotH + 6}\" stroke=\"#333\"/>\n"));
            svg.Append(Inv($"<text x=\"{p:F1}\" y=\"{Top + plotH + 21}\" text-anchor=\"middle\">{x.ToString("G6", CultureInfo.InvariantCulture)}</text>\n"));
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static void Curve(StringBuilder svg, ChartSeries s, string colour, Func<double, double> px, Func<double, double> py, double xMin, double xMax)
    {
        var valid = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && p.Second > 0).ToArray();
        if (valid.Length == 0)
            return;
        svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-linejoin=\"round\" points=\""));
        foreach (var (x, y) in Envelope(valid, xMin, xMax))
            svg.Append(Inv($"{px(x):F1},{py(y):F1} "));
        svg.Append("\"/>\n");
    }

    /// <summary>The points themselves when few; otherwise per x-bucket the minimum and maximum, in x order.</summary>
    private static IEnumerable<(double X, double Y)> Envelope((double X, double Y)[] points, double xMin, double xMax)
    {
        if (points.Length <= 2 * MaxBuckets)
            return points;
        return points
            .GroupBy(p => Math.Min(MaxBuckets - 1, (int)((p.X - xMin) / (xMax - xMin) * MaxBuckets)))
            .SelectMany(g =>
            {
                var lo = g.MinBy(p => p.Y);
                var hi = g.MaxBy(p => p.Y);
                return lo.X <= hi.X ? new[] { lo, hi } : [hi, lo];
            });
    }

    private static double LegendWidth(IReadOnlyList<ChartSeries> series) => 48 + 7.5 * series.Select(s => s.Name.Length).DefaultIfEmpty(6).Max();

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series, double x, double boxW)
    {
        if (series.Count == 0)
            return;
        double y = Top;
        svg.Append(Inv($"<rect x=\"{x:F1}\" y=\"{y}\" width=\"{boxW:F1}\" height=\"{12 + 20 * series.Count}\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#999\"/>\n"));
        for (int s = 0; s < series.Count; s++)
        {
            double ly = y + 16 + 20 * s;
            svg.Append(Inv($"<line x1=\"{x + 8:F1}\" y1=\"{ly}\" x2=\"{x + 32:F1}\" y2=\"{ly}\" stroke=\"{Palette[s % Palette.Length]}\" stroke-width=\"2.5\"/>\n"));
            svg.Append(Inv($"<text x=\"{x + 40:F1}\" y=\"{ly + 4}\">{Escape(series[s].Name)}</text>\n"));
        }
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
