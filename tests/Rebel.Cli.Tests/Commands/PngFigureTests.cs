using System.Globalization;
using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using SkiaSharp;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// <c>--png</c> on every command that draws (solve, selfplay, compare, sweep) writes each figure as a PNG beside its
/// SVG, rendered in-process at twice the SVG's size, with the drawing on it (not a blank canvas), and no temporary
/// file left behind.
/// </summary>
public partial class PngFigureTests
{
    [Fact]
    public void Solve_writes_the_heatmap_as_png_too()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--plot", "rps.svg", "--png");
        Assert.True(r.ExitCode == 0, r.Stderr);
        AssertRendered(dir["rps.svg"]);
        Assert.Equal(["rps.png", "rps.svg"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var direct = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--plot", "direct.png");
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        Assert.Equal(File.ReadAllBytes(dir["rps.png"]), File.ReadAllBytes(dir["direct.png"]));
    }

    [Fact]
    public void Png_without_a_plot_is_refused_before_solving()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--png");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("rebel: --png: writes the --plot figure as PNG too; give --plot FILE.svg\n", r.Stderr);
    }

    [Fact]
    public void Selfplay_compare_and_sweep_write_every_figure_as_png()
    {
        using var dir = new TempDirectory();
        var selfplay = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "rps", "-T", "30", "--out", "run", "--png");
        Assert.True(selfplay.ExitCode == 0, selfplay.Stderr);
        AssertRendered(dir["run/plot.svg"]);
        AssertRendered(dir["run/simplex.svg"]);
        var compare = RebelProcess.Run(dir.Path, "compare", "--pref-model", "rps", "--algos", "mirror-descent,omwu", "--seeds", "2", "-T", "20", "--out", "cmp", "--png");
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        AssertRendered(dir["cmp/comparison.svg"]);
        AssertRendered(dir["cmp/comparison-last.svg"]);
        var sweep = RebelProcess.Run(dir.Path, "sweep", "--pref-model", "rps", "--algos", "omwu", "--grid", "eta=0.1,0.2", "--seeds", "2", "-T", "20", "--out", "sw", "--png");
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        AssertRendered(dir["sw/sweep-eta.svg"]);
        // Run again, the sweep continues into a directory holding its PNGs (they are its own outputs).
        Assert.Equal(0, RebelProcess.Run(dir.Path, "sweep", "--pref-model", "rps", "--algos", "omwu", "--grid", "eta=0.1,0.2", "--seeds", "2", "-T", "20", "--out", "sw", "--png").ExitCode);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>The PNG beside <paramref name="svg"/> is twice its size, with ink on a good part of it (axes, curves, text).</summary>
    private static void AssertRendered(string svg)
    {
        var size = SvgSize().Match(File.ReadAllText(svg));
        Assert.True(size.Success, $"{svg} has no width and height");
        using var bitmap = SKBitmap.Decode(Path.ChangeExtension(svg, ".png"));
        Assert.NotNull(bitmap);
        Assert.Equal((int)Math.Ceiling(2 * double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture)), bitmap.Width);
        Assert.Equal((int)Math.Ceiling(2 * double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture)), bitmap.Height);
        int ink = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
                if (bitmap.GetPixel(x, y) is var c && c.Red + c.Green + c.Blue < 600)
                    ink++;
        Assert.True(ink > bitmap.Width * bitmap.Height / 4 / 200, $"{svg}'s PNG is nearly blank ({ink} inked samples)");
    }

    [GeneratedRegex("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex SvgSize();
}
