using System.Globalization;
using System.Xml.Linq;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Tests.Runs;

public sealed class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Log_axis_has_a_labelled_tick_per_decade_spanning_the_data()
    {
        var doc = XDocument.Parse(SvgLineChart.Render("t", "iteration", "gap", [new ChartSeries("a", [1, 2, 3], [0.5, 0.01, 0.002])]));
        // Tick labels are 10 with the exponent as a superscript tspan.
        var exponents = doc.Descendants(Svg + "tspan").Select(t => int.Parse(t.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([-3, -2, -1, 0], exponents);
    }

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
}
