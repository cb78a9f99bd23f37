using System.Globalization;
using System.Xml.Linq;

namespace Rebel.Runs.Tests;

public sealed class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Log_axis_has_a_labelled_tick_per_decade_spanning_the_data()
    {
        var doc = XDocument.Parse(SvgLineChart.Render("t", "iteration", "gap", [new ChartSeries("a", [1, 2, 3], [0.5, 0.01, 0.002])]));
        // Tick labels are 10 with the exponent in superscripts: the decades inside the data's span 0.002–0.5, and no
        // empty decade beyond it (10⁻³ and 10⁰ would pad the axis with more than half a decade of nothing each side).
        var exponents = doc.Descendants(Svg + "text").Select(t => Exponent(t.Value)).OfType<int>().ToArray();
        Assert.Equal([-2, -1], exponents);
    }

    /// <summary>The exponent of a tick label 10ⁿ, or null for other text.</summary>
    private static int? Exponent(string label) =>
        label.Length > 2 && label.StartsWith("10", StringComparison.Ordinal) && label[2..].All(c => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".Contains(c))
            ? int.Parse(string.Concat(label[2..].Select(c => c == '⁻' ? '-' : (char)('0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".IndexOf(c)))), CultureInfo.InvariantCulture)
            : null;

    [Fact]
    public void Points_sit_at_their_logarithmic_height_and_left_out_when_not_positive()
    {
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [new ChartSeries("a", [0, 1, 2, 3], [1, 0.1, 0, 0.01])]));
        var points = doc.Descendants(Svg + "polyline").Single().Attribute("points")!.Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(3, points.Length);
        // Decades −2..0 span the plot height evenly: 0.1 lies halfway between 1 and 0.01.
        Assert.Equal((points[0][1] + points[2][1]) / 2, points[1][1], 0.15);
        Assert.True(points[0][1] < points[1][1] && points[1][1] < points[2][1], "smaller values are drawn lower");
        Assert.True(points[0][0] < points[1][0] && points[1][0] < points[2][0]);
    }

    [Fact]
    public void Legend_names_every_series_and_text_is_escaped()
    {
        var doc = XDocument.Parse(SvgLineChart.Render("a < b & c", "x", "y", [new ChartSeries("one", [1], [1]), new ChartSeries("two<", [1], [1])]));
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains("a < b & c", texts);
        Assert.Contains("one", texts);
        Assert.Contains("two<", texts);
        Assert.Equal(2, doc.Descendants(Svg + "polyline").Count());
    }

    [Fact]
    public void Long_oscillating_series_keep_their_envelope()
    {
        var x = Enumerable.Range(1, 100_000).Select(i => (double)i).ToArray();
        var y = x.Select(i => i % 2 == 0 ? 1e-1 : 1e-3).ToArray();
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [new ChartSeries("a", x, y)]));
        var heights = doc.Descendants(Svg + "polyline").Single().Attribute("points")!.Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture))
            .ToArray();
        Assert.InRange(heights.Length, 2, 2000);
        Assert.Equal(2, heights.Distinct().Count());
    }

    private static double[][] PolylinePoints(XElement polyline) => polyline.Attribute("points")!.Value
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .ToArray();

    [Fact]
    public void Sixteen_series_get_sixteen_distinct_colours_and_no_two_neighbours_share_a_dash()
    {
        var series = Enumerable.Range(0, SvgLineChart.DistinctStyles).Select(i => new ChartSeries($"s{i}", [1, 2], [0.1, 0.01])).ToArray();
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", series));
        var styles = doc.Descendants(Svg + "polyline")
            .Select(p => (Colour: p.Attribute("stroke")!.Value, Dash: p.Attribute("stroke-dasharray")?.Value ?? ""))
            .ToArray();
        Assert.Equal(16, styles.Length);
        Assert.Equal(16, styles.Select(s => s.Colour).Distinct().Count());
        Assert.Equal(16, styles.Distinct().Count());
        Assert.True(styles.Select(s => s.Dash).Distinct().Count() >= 4);
        for (int i = 1; i < styles.Length; i++)
            Assert.NotEqual(styles[i - 1].Dash, styles[i].Dash);
    }

    [Fact]
    public void A_long_title_is_set_smaller_so_that_it_fits_the_figure()
    {
        string longTitle = string.Concat(Enumerable.Repeat("condorcet:shares=4/3/2 ", 8));
        var title = XDocument.Parse(SvgLineChart.Render(longTitle, "x", "y", [new ChartSeries("a", [1, 2], [0.1, 0.01])])).Descendants(Svg + "text").First();
        double size = double.Parse(title.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
        Assert.True(size < 17 && size * 0.6 * longTitle.Length <= 960 - 24, $"font-size {size}");
        var shortTitle = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [new ChartSeries("a", [1, 2], [0.1, 0.01])])).Descendants(Svg + "text").First();
        Assert.Equal("17.0", shortTitle.Attribute("font-size")!.Value);
    }

    [Fact]
    public void A_reference_curve_is_black_and_dotted_and_leaves_the_data_styles_unchanged()
    {
        var data = new ChartSeries("a", [1, 2], [0.1, 0.01]);
        var alone = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [data])).Descendants(Svg + "polyline").Single();
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [new ChartSeries("bound", [1, 2], [1, 0.5]) { IsReference = true }, data]));
        var lines = doc.Descendants(Svg + "polyline").ToArray();
        Assert.Equal("#000000", lines[0].Attribute("stroke")!.Value);
        Assert.NotNull(lines[0].Attribute("stroke-dasharray"));
        Assert.Equal(alone.Attribute("stroke")!.Value, lines[1].Attribute("stroke")!.Value);
    }

    [Fact]
    public void Log_log_axes_label_each_decade_at_even_spacing()
    {
        double[] x = [1, 10, 100, 1000];
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [new ChartSeries("a", x, x.Select(t => 1 / Math.Sqrt(t)).ToArray())], logX: true));
        // A power law is a straight line on log–log axes.
        var p = PolylinePoints(doc.Descendants(Svg + "polyline").Single());
        for (int i = 1; i < 3; i++)
        {
            Assert.Equal(p[i][0] - p[i - 1][0], p[i + 1][0] - p[i][0], 0.15);
            Assert.Equal(p[i][1] - p[i - 1][1], p[i + 1][1] - p[i][1], 0.15);
        }
        // x decades 10^0..10^3 below the plot (middle-anchored), y decades 10^-1..10^0 at its left (end-anchored): the
        // data span 10^-1.5..10^0, and the y axis is not padded to 10^-2.
        int[] Exponents(string anchor) => doc.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")?.Value == anchor)
            .Select(t => Exponent(t.Value)).OfType<int>().ToArray();
        Assert.Equal([0, 1, 2, 3], Exponents("middle"));
        Assert.Equal([-1, 0], Exponents("end"));
        // Labelled ticks sit where the curve's points with those x values do.
        var xTicks = doc.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")?.Value == "middle" && Exponent(t.Value) is not null)
            .Select(t => double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(p.Select(q => q[0]), xTicks, (a, b) => Math.Abs(a - b) < 0.15);
    }

    [Fact]
    public void A_band_is_drawn_under_its_curve_and_contains_it()
    {
        double[] x = [1, 2, 4, 8];
        var s = new ChartSeries("a", x, [0.5, 0.2, 0.1, 0.05]) { Lower = [0.4, 0.1, 0.05, 0.01], Upper = [0.6, 0.3, 0.2, 0.09] };
        var doc = XDocument.Parse(SvgLineChart.Render("t", "x", "y", [s], logX: true));
        var polygon = doc.Descendants(Svg + "polygon").Single();
        Assert.True(doc.Descendants().ToList().IndexOf(polygon) < doc.Descendants().ToList().IndexOf(doc.Descendants(Svg + "polyline").Single()), "the band is drawn first");
        var edge = polygon.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var upper = edge.Take(4).ToArray();
        var lower = edge.Skip(4).Reverse().ToArray();
        var curve = PolylinePoints(doc.Descendants(Svg + "polyline").Single());
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(curve[i][0], upper[i][0], 1e-9);
            Assert.Equal(curve[i][0], lower[i][0], 1e-9);
            // SVG y grows downwards: the upper edge is above (smaller y) the curve, the lower edge below it.
            Assert.True(upper[i][1] < curve[i][1] && curve[i][1] < lower[i][1], $"point {i}");
        }
    }

    [Fact]
    public void Series_of_mismatched_lengths_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => SvgLineChart.Render("t", "x", "y", [new ChartSeries("bad", [1, 2], [1, 2]) { Lower = [1], Upper = [1, 2] }]));
        Assert.Contains("series 'bad': Lower and Upper", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SvgLineChart.Render("t", "x", "y", [new ChartSeries("bad", [1, 2], [1])]));
    }
}
