using System.Globalization;
using System.Net;
using System.Text;

namespace Rebel.Runs;

/// <summary>
/// A self-contained SVG line chart for papers: a logarithmic y axis and a linear or logarithmic x axis (decade ticks,
/// minor ticks and grid), axis labels, a title, a legend, shaded bands, and reference curves such as a theoretical
/// bound. Up to 16 data series get pairwise distinct colours and cycle through four dash patterns, so that curves stay
/// apart in greyscale too. Long series are reduced to their per-pixel minimum and maximum so that oscillating curves
/// keep their envelope. The output depends only on the arguments, so run directories stay bit-reproducible.
/// </summary>
public static class SvgLineChart
{
    /// <summary>The number of data series with distinct colours (and distinct colour–dash pairs).</summary>
    public const int DistinctStyles = 16;

    private const double Width = 960, Height = 540, Left = 84, Top = 52, Bottom = 64;
    private const int MaxBuckets = 800;

    // Tableau's ten, then six darker or warmer hues that stay apart from them; black is kept for references.
    private static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#637939", "#843c39", "#7b4173", "#e7ba52", "#6b6ecf",
    ];

    private static readonly string[] Dashes = ["", "8 3", "2 2.5", "9 3 2 3"];

    /// <summary>Renders the chart.</summary>
    /// <param name="title">Title above the plot area.</param>
    /// <param name="xLabel">X-axis label.</param>
    /// <param name="yLabel">Y-axis label (the axis is logarithmic).</param>
    /// <param name="series">The curves, drawn in order; data series take the styles in order, references are black and dotted.</param>
    /// <param name="logX">Whether the x axis is logarithmic (non-positive x values are then left out).</param>
    /// <exception cref="ArgumentException">A series whose coordinate or band lists differ in length from its <see cref="ChartSeries.X"/>.</exception>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var s in series)
            Check(s);
        var points = series.SelectMany(s => Valid(s, logX)).ToArray();
        double legendW = LegendWidth(series);
        // The legend sits right of the plot area so that it never hides a curve.
        double plotW = Width - Left - legendW - 36, plotH = Height - Top - Bottom;
        var x = Axis.For(points.Select(p => p.X), logX, margin: 0, Left, Left + plotW);
        var y = Axis.For(points.SelectMany(p => new[] { p.Y, p.Lo, p.Hi }).Where(v => v > 0), log: true, margin: 0.03, Top + plotH, Top);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, DejaVu Sans, sans-serif\" font-size=\"13\">\n"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"30\" text-anchor=\"middle\" font-size=\"{TitleSize(title, Width):F1}\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        DrawAxis(svg, x, horizontal: true, y.P0, y.P1);
        DrawAxis(svg, y, horizontal: false, x.P0, x.P1);
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#333\"/>\n"));
        svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 16}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Inv($"<text transform=\"translate(20 {Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n"));
        var styles = Styles(series);
        // Bands first, so that no band covers a curve.
        for (int s = 0; s < series.Count; s++)
            Band(svg, Valid(series[s], logX), styles[s].Colour, x, y);
        for (int s = 0; s < series.Count; s++)
            Curve(svg, Valid(series[s], logX), styles[s], x, y);
        Legend(svg, series, styles, Left + plotW + 16, legendW);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// The title's font size: 17 px, smaller for a title that would not fit <paramref name="width"/> (bold sans-serif
    /// averages under 0.6 em a character), so that no title is cut at the figure's edges.
    /// </summary>
    internal static double TitleSize(string title, double width) => Math.Min(17, Math.Floor((width - 24) / (0.6 * Math.Max(1, title.Length)) * 10) / 10);

    private readonly record struct Style(string Colour, string Dash, double Width);

    private readonly record struct Point(double X, double Y, double Lo, double Hi);

    private static Style[] Styles(IReadOnlyList<ChartSeries> series)
    {
        var styles = new Style[series.Count];
        int data = 0;
        for (int s = 0; s < series.Count; s++)
        {
            if (series[s].IsReference)
            {
                styles[s] = new Style("#000000", "1.5 3", 1.4);
                continue;
            }
            // The dash shifts by one every four series, so that neighbours in the legend never share a dash.
            styles[s] = new Style(Palette[data % Palette.Length], Dashes[(data + data / Dashes.Length) % Dashes.Length], 1.8);
            data++;
        }
        return styles;
    }

    private static void Check(ChartSeries s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Y.Count != s.X.Count)
            throw new ArgumentException($"series '{s.Name}': Y has {s.Y.Count} values, X has {s.X.Count}", nameof(s));
        if ((s.Lower is null) != (s.Upper is null))
            throw new ArgumentException($"series '{s.Name}': a band needs both Lower and Upper", nameof(s));
        if (s.Lower is not null && (s.Lower.Count != s.X.Count || s.Upper!.Count != s.X.Count))
            throw new ArgumentException($"series '{s.Name}': Lower and Upper have {s.Lower.Count} and {s.Upper!.Count} values, X has {s.X.Count}", nameof(s));
    }

    /// <summary>The drawable points of a series; the band edges are NaN where there is no band or where it cannot be drawn on the log axis.</summary>
    private static Point[] Valid(ChartSeries s, bool logX)
    {
        var points = new List<Point>(s.X.Count);
        for (int i = 0; i < s.X.Count; i++)
        {
            double x = s.X[i], y = s.Y[i];
            if (!double.IsFinite(x) || logX && x <= 0 || !double.IsFinite(y) || y <= 0)
                continue;
            double lo = s.Lower?[i] ?? double.NaN, hi = s.Upper?[i] ?? double.NaN;
            bool band = double.IsFinite(lo) && double.IsFinite(hi) && lo > 0;
            points.Add(new Point(x, y, band ? lo : double.NaN, band ? hi : double.NaN));
        }
        return points.ToArray();
    }

    /// <summary>A linear or logarithmic axis mapping data values to pixels, <see cref="P0"/> at the low end and <see cref="P1"/> at the high end.</summary>
    private sealed record Axis(bool Log, double Lo, double Hi, double P0, double P1)
    {
        /// <summary>
        /// The axis spanning <paramref name="values"/> and <paramref name="margin"/> of their span beyond each end; a log
        /// axis whose data lie within one decade spans that whole decade instead, so that it has two labelled ticks
        /// (data over several decades are not padded to whole ones, which left empty decades).
        /// </summary>
        public static Axis For(IEnumerable<double> values, bool log, double margin, double p0, double p1)
        {
            var v = values.Where(double.IsFinite).Select(a => log ? Math.Log10(a) : a).ToArray();
            double lo = v.Length == 0 ? (log ? -3 : 0) : v.Min(), hi = v.Length == 0 ? (log ? 0 : 1) : v.Max();
            if (log && Math.Floor(hi) < Math.Ceiling(lo))
                (lo, hi) = (Math.Floor(lo), Math.Ceiling(hi));
            else
                (lo, hi) = (lo - margin * (hi - lo), hi + margin * (hi - lo));
            if (hi <= lo)
                hi = lo + 1;
            return new Axis(log, lo, hi, p0, p1);
        }

        public double Map(double value) => P0 + ((Log ? Math.Log10(value) : value) - Lo) / (Hi - Lo) * (P1 - P0);

        /// <summary>Ticks in data units: labelled ones (decades on a log axis, at most about ten) and unlabelled minor ones (2..9 times a decade when every decade is labelled).</summary>
        public IEnumerable<(double Value, bool Major)> Ticks()
        {
            if (!Log)
            {
                double step = NiceStep((Hi - Lo) / 8);
                for (double t = Math.Ceiling(Lo / step) * step; t <= Hi + step * 1e-9; t += step)
                    yield return (t, true);
                yield break;
            }
            int first = (int)Math.Ceiling(Lo - 1e-9), last = (int)Math.Floor(Hi + 1e-9);
            int every = Math.Max(1, (int)Math.Ceiling((last - first) / 10.0));
            for (int d = (int)Math.Floor(Lo); d <= last; d++)
            {
                if (d >= first && (d - first) % every == 0)
                    yield return (Math.Pow(10, d), true);
                if (every > 1)
                    continue;
                for (int m = 2; m <= 9; m++)
                {
                    double e = d + Math.Log10(m);
                    if (e >= Lo - 1e-9 && e <= Hi + 1e-9)
                        yield return (m * Math.Pow(10, d), false);
                }
            }
        }

        /// <summary>
        /// A tick label as SVG text content: a power of ten with the exponent in Unicode superscripts (10⁻³), which
        /// every renderer places alike (a shifted tspan is placed differently by browsers and by Svg.Skia), or the number.
        /// </summary>
        public string Label(double value) => Log
            ? "10" + string.Concat((int)Math.Round(Math.Log10(value)) is var e ? e.ToString(CultureInfo.InvariantCulture).Select(Superscript) : [])
            : value.ToString("G6", CultureInfo.InvariantCulture);

        private static char Superscript(char c) => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0'];
    }

    /// <summary>Grid lines, tick marks and labels of an axis along the plot edge; <paramref name="across0"/> and <paramref name="across1"/> are the plot's extent across it.</summary>
    private static void DrawAxis(StringBuilder svg, Axis axis, bool horizontal, double across0, double across1)
    {
        foreach (var (value, major) in axis.Ticks())
        {
            double p = axis.Map(value);
            double length = major ? 6 : 3;
            // A horizontal axis sits at the bottom (across0 is the bottom edge), a vertical one at the left.
            double edge = horizontal ? Math.Max(across0, across1) : Math.Min(across0, across1);
            if (horizontal)
            {
                svg.Append(Inv($"<line x1=\"{p:F1}\" y1=\"{across0:F1}\" x2=\"{p:F1}\" y2=\"{across1:F1}\" stroke=\"{(major ? "#ddd" : "#f2f2f2")}\"/>\n"));
                svg.Append(Inv($"<line x1=\"{p:F1}\" y1=\"{edge:F1}\" x2=\"{p:F1}\" y2=\"{edge + length:F1}\" stroke=\"#333\"/>\n"));
                if (major)
                    svg.Append(Inv($"<text x=\"{p:F1}\" y=\"{edge + 21:F1}\" text-anchor=\"middle\">{axis.Label(value)}</text>\n"));
            }
            else
            {
                svg.Append(Inv($"<line x1=\"{across0:F1}\" y1=\"{p:F1}\" x2=\"{across1:F1}\" y2=\"{p:F1}\" stroke=\"{(major ? "#ddd" : "#f2f2f2")}\"/>\n"));
                svg.Append(Inv($"<line x1=\"{edge - length:F1}\" y1=\"{p:F1}\" x2=\"{edge:F1}\" y2=\"{p:F1}\" stroke=\"#333\"/>\n"));
                if (major)
                    svg.Append(Inv($"<text x=\"{edge - 10:F1}\" y=\"{p + 4:F1}\" text-anchor=\"end\">{axis.Label(value)}</text>\n"));
            }
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static void Curve(StringBuilder svg, Point[] points, Style style, Axis x, Axis y)
    {
        if (points.Length == 0)
            return;
        string dash = style.Dash.Length == 0 ? "" : $" stroke-dasharray=\"{style.Dash}\"";
        svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{style.Colour}\" stroke-width=\"{style.Width}\"{dash} stroke-linejoin=\"round\" points=\""));
        foreach (var p in Envelope(points, x))
            svg.Append(Inv($"{x.Map(p.X):F1},{y.Map(p.Y):F1} "));
        svg.Append("\"/>\n");
    }

    /// <summary>The band as a translucent polygon: the upper edge left to right, then the lower edge back, per pixel bucket its extremes.</summary>
    private static void Band(StringBuilder svg, Point[] points, string colour, Axis x, Axis y)
    {
        var band = points.Where(p => !double.IsNaN(p.Lo))
            .GroupBy(p => Bucket(p, x))
            .Select(g => (X: g.First().X, Lo: g.Min(p => p.Lo), Hi: g.Max(p => p.Hi)))
            .ToArray();
        if (band.Length < 2)
            return;
        svg.Append(Inv($"<polygon fill=\"{colour}\" fill-opacity=\"0.16\" stroke=\"none\" points=\""));
        foreach (var b in band)
            svg.Append(Inv($"{x.Map(b.X):F1},{y.Map(b.Hi):F1} "));
        foreach (var b in band.Reverse())
            svg.Append(Inv($"{x.Map(b.X):F1},{y.Map(b.Lo):F1} "));
        svg.Append("\"/>\n");
    }

    private static int Bucket(Point p, Axis x) => Math.Min(MaxBuckets - 1, (int)((x.Map(p.X) - x.P0) / (x.P1 - x.P0) * MaxBuckets));

    /// <summary>The points themselves when few; otherwise per pixel bucket the minimum and maximum, in x order.</summary>
    private static IEnumerable<Point> Envelope(Point[] points, Axis x)
    {
        if (points.Length <= 2 * MaxBuckets)
            return points;
        return points
            .GroupBy(p => Bucket(p, x))
            .SelectMany(g =>
            {
                var lo = g.MinBy(p => p.Y);
                var hi = g.MaxBy(p => p.Y);
                return lo.X <= hi.X ? new[] { lo, hi } : [hi, lo];
            });
    }

    private static double LegendWidth(IReadOnlyList<ChartSeries> series) => 48 + 7.5 * series.Select(s => s.Name.Length).DefaultIfEmpty(6).Max();

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series, Style[] styles, double x, double boxW)
    {
        if (series.Count == 0)
            return;
        double y = Top;
        svg.Append(Inv($"<rect x=\"{x:F1}\" y=\"{y}\" width=\"{boxW:F1}\" height=\"{12 + 20 * series.Count}\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#999\"/>\n"));
        for (int s = 0; s < series.Count; s++)
        {
            double ly = y + 16 + 20 * s;
            if (series[s].Lower is not null)
                svg.Append(Inv($"<rect x=\"{x + 8:F1}\" y=\"{ly - 6}\" width=\"24\" height=\"12\" fill=\"{styles[s].Colour}\" fill-opacity=\"0.16\"/>\n"));
            string dash = styles[s].Dash.Length == 0 ? "" : $" stroke-dasharray=\"{styles[s].Dash}\"";
            svg.Append(Inv($"<line x1=\"{x + 8:F1}\" y1=\"{ly}\" x2=\"{x + 32:F1}\" y2=\"{ly}\" stroke=\"{styles[s].Colour}\" stroke-width=\"{styles[s].Width + 0.7}\"{dash}/>\n"));
            svg.Append(Inv($"<text x=\"{x + 40:F1}\" y=\"{ly + 4}\">{Escape(series[s].Name)}</text>\n"));
        }
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
