using System.Globalization;
using System.Xml.Linq;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;
using Rebel.Runs.Charts;

namespace Rebel.Runs.Tests;

public sealed class FigureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    [Fact]
    public void Heatmap_colours_run_from_blue_through_white_to_red_monotonically_in_p()
    {
        var colours = Enumerable.Range(0, 101).Select(k => Rgb(PreferenceHeatmap.Colour(k / 100.0))).ToArray();
        for (int k = 1; k < colours.Length; k++)
            Assert.True(colours[k].R - colours[k].B > colours[k - 1].R - colours[k - 1].B, $"red minus blue grows at P = {k / 100.0}");
        Assert.Equal((255, 255, 255), colours[50]);
        Assert.True(colours[0].B > colours[0].R && colours[100].R > colours[100].B);
    }

    [Fact]
    public void Heatmap_cells_show_p_and_the_winner_bars_are_proportional_to_its_policy()
    {
        var game = GameZoo.Create("weighted-rps");
        var solution = MinimaxWinner.Solve(game);
        var doc = XDocument.Parse(PreferenceHeatmap.Render(game, solution));
        var context = game.Contexts[0];
        var cells = doc.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "cell").ToArray();
        Assert.Equal(9, cells.Length);
        foreach (var cell in cells)
        {
            int i = (int)Attr(cell, "data-row"), j = (int)Attr(cell, "data-col");
            Assert.Equal(PreferenceHeatmap.Colour(context.Preference[i, j]), cell.Attribute("fill")!.Value);
        }
        // Row i of the matrix and bar i of the winner share a height.
        var bars = doc.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "winner").OrderBy(r => Attr(r, "data-row")).ToArray();
        var rows = cells.Where(c => Attr(c, "data-col") == 0).OrderBy(c => Attr(c, "data-row")).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Attr(rows[i], "y") + Attr(rows[i], "height") / 2, Attr(bars[i], "y") + Attr(bars[i], "height") / 2, 0.11);
            Assert.Equal(Attr(bars[0], "width") * solution.Contexts[0].Policy[i] / solution.Contexts[0].Policy[0], Attr(bars[i], "width"), 0.02);
        }
        Assert.Equal(3.0 / 7 / (1.0 / 7), Attr(bars[0], "width") / Attr(bars[2], "width"), 0.01);
    }

    [Fact]
    public void Heatmap_refuses_more_contexts_than_it_shows()
    {
        var game = GameZoo.Create("contextual:contexts=17,n=3");
        var e = Assert.Throws<ArgumentException>(() => PreferenceHeatmap.Render(game, MinimaxWinner.Solve(game)));
        Assert.StartsWith("the game has 17 contexts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplex_puts_pure_policies_at_the_vertices_and_the_winner_at_its_barycentre()
    {
        for (int i = 0; i < 3; i++)
        {
            var pure = new double[3];
            pure[i] = 1;
            Assert.Equal(SimplexChart.Vertices[i], SimplexChart.Position(pure));
        }
        var v = SimplexChart.Vertices;
        Assert.Equal(v[0].Y, v[1].Y);
        Assert.Equal(v[1].X - v[0].X, Math.Sqrt(Math.Pow(v[2].X - v[0].X, 2) + Math.Pow(v[2].Y - v[0].Y, 2)), 1e-9);

        double[] winner = [3.0 / 7, 3.0 / 7, 1.0 / 7];
        var doc = XDocument.Parse(SimplexChart.Render("t", ["rock", "paper", "scissors"], [[1.0 / 3, 1.0 / 3, 1.0 / 3], [0.5, 0.3, 0.2]], [[1.0 / 3, 1.0 / 3, 1.0 / 3]], winner));
        var star = doc.Descendants(Svg + "path").Single(p => p.Attribute("class")?.Value == "winner");
        var expected = (X: winner.Select((p, k) => p * v[k].X).Sum(), Y: winner.Select((p, k) => p * v[k].Y).Sum());
        Assert.Equal(expected.X, Attr(star, "data-x"), 0.01);
        Assert.Equal(expected.Y, Attr(star, "data-y"), 0.01);
        Assert.Equal(["rock", "paper", "scissors"], doc.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "vertex").Select(t => t.Value));
        var last = doc.Descendants(Svg + "polyline").Single(p => p.Attribute("class")?.Value == "last");
        Assert.Equal(2, last.Attribute("points")!.Value.Split(' ').Length);
    }

    [Theory]
    [InlineData("rps", true)]
    [InlineData("cyclic:n=5", false)]
    [InlineData("contextual:contexts=2,n=3", false)]
    public void Only_a_one_context_three_response_game_gets_a_simplex(string spec, bool expected)
    {
        using var dir = new Rebel.Cli.Tests.Utils.TempDirectory();
        SelfPlayRun.Create(dir["run"], new RunConfig { Game = spec, Iterations = 5 }, GameZoo.Create(spec)).Run();
        Assert.Equal(expected, File.Exists(Path.Combine(dir["run"], RunFiles.Simplex)));
    }
}
