using System.Globalization;
using System.Net;
using System.Text;

namespace Rebel.Runs.Charts;

/// <summary>
/// The probability simplex of a three-response context as an SVG figure: the trajectories of the last and the average
/// iterate (start hollow, end filled) and the minimax winner as a black star. The first response is the bottom-left
/// vertex, the second the bottom-right, the third the top; a policy sits at the probability-weighted mean of the
/// vertices, and dotted lines mark probabilities ¼, ½ and ¾ of each response.
/// </summary>
public static class SimplexChart
{
    private const double Width = 720, Height = 620, Side = 500, Base = 560;

    /// <summary>The vertices in drawing coordinates, in response order.</summary>
    public static IReadOnlyList<(double X, double Y)> Vertices { get; } =
        [((Width - Side) / 2, Base), ((Width + Side) / 2, Base), (Width / 2, Base - Side * Math.Sqrt(3) / 2)];

    /// <summary>Where the policy <paramref name="p"/> over the three responses is drawn.</summary>
    /// <exception cref="ArgumentException"><paramref name="p"/> does not have three entries.</exception>
    public static (double X, double Y) Position(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Count != 3)
            throw new ArgumentException($"a simplex point has 3 probabilities, not {p.Count}", nameof(p));
        double sum = p[0] + p[1] + p[2];
        return (Enumerable.Range(0, 3).Sum(i => p[i] * Vertices[i].X) / sum, Enumerable.Range(0, 3).Sum(i => p[i] * Vertices[i].Y) / sum);
    }

    /// <summary>Renders the figure.</summary>
    /// <param name="title">Title above the simplex.</param>
    /// <param name="responses">The three response names, labelling the vertices.</param>
    /// <param name="last">The last iterate at successive iterations.</param>
    /// <param name="average">The average iterate at successive iterations.</param>
    /// <param name="winner">The minimax winner.</param>
    /// <exception cref="ArgumentException">Not three responses, or a point without three probabilities.</exception>
    public static string Render(string title, IReadOnlyList<string> responses, IReadOnlyList<IReadOnlyList<double>> last, IReadOnlyList<IReadOnlyList<double>> average, IReadOnlyList<double> winner)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(average);
        if (responses.Count != 3)
            throw new ArgumentException($"a simplex has 3 responses, not {responses.Count}", nameof(responses));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, DejaVu Sans, sans-serif\" font-size=\"13\">\n"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        Grid(svg);
        svg.Append(Inv($"<polygon class=\"simplex\" points=\"{Points(Vertices)}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>\n"));
        string[] anchors = ["end", "start", "middle"];
        (double Dx, double Dy)[] offsets = [(-8, 16), (8, 16), (0, -10)];
        for (int i = 0; i < 3; i++)
            svg.Append(Inv($"<text class=\"vertex\" x=\"{Vertices[i].X + offsets[i].Dx:F1}\" y=\"{Vertices[i].Y + offsets[i].Dy:F1}\" text-anchor=\"{anchors[i]}\" font-weight=\"bold\">{Escape(responses[i])}</text>\n"));
        Trajectory(svg, "last", last, "#d62728", "");
        Trajectory(svg, "average", average, "#1f77b4", " stroke-dasharray=\"7 3\"");
        var (wx, wy) = Position(winner);
        svg.Append(Inv($"<path class=\"winner\" data-x=\"{wx:F2}\" data-y=\"{wy:F2}\" d=\"{Star(wx, wy, 9)}\" fill=\"black\"/>\n"));
        Legend(svg);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Lines of constant probability ¼, ½, ¾ for each response: parallel to the edge opposite its vertex.</summary>
    private static void Grid(StringBuilder svg)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int k = 1; k <= 3; k++)
            {
                double q = k / 4.0;
                // Both ends have probability q on response i, the rest on one of the other two.
                var a = new double[3];
                var b = new double[3];
                a[i] = b[i] = q;
                a[(i + 1) % 3] = 1 - q;
                b[(i + 2) % 3] = 1 - q;
                var (ax, ay) = Position(a);
                var (bx, by) = Position(b);
                svg.Append(Inv($"<line x1=\"{ax:F1}\" y1=\"{ay:F1}\" x2=\"{bx:F1}\" y2=\"{by:F1}\" stroke=\"#ccc\" stroke-dasharray=\"2 3\"/>\n"));
            }
        }
    }

    private static void Trajectory(StringBuilder svg, string name, IReadOnlyList<IReadOnlyList<double>> points, string colour, string dash)
    {
        if (points.Count == 0)
            return;
        var xy = points.Select(Position).ToArray();
        svg.Append(Inv($"<polyline class=\"{name}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.4\"{dash} stroke-linejoin=\"round\" points=\"{Points(xy)}\"/>\n"));
        svg.Append(Inv($"<circle cx=\"{xy[0].X:F1}\" cy=\"{xy[0].Y:F1}\" r=\"5\" fill=\"white\" stroke=\"{colour}\" stroke-width=\"1.6\"/>\n"));
        svg.Append(Inv($"<circle cx=\"{xy[^1].X:F1}\" cy=\"{xy[^1].Y:F1}\" r=\"5\" fill=\"{colour}\"/>\n"));
    }

    private static void Legend(StringBuilder svg)
    {
        const double x = 18, y = 58;
        svg.Append(Inv($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 26}\" y2=\"{y}\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"{x + 32}\" y=\"{y + 4}\">last iterate</text>\n"));
        svg.Append(Inv($"<line x1=\"{x}\" y1=\"{y + 20}\" x2=\"{x + 26}\" y2=\"{y + 20}\" stroke=\"#1f77b4\" stroke-width=\"2\" stroke-dasharray=\"7 3\"/><text x=\"{x + 32}\" y=\"{y + 24}\">average iterate</text>\n"));
        svg.Append(Inv($"<path d=\"{Star(x + 13, y + 40, 7)}\" fill=\"black\"/><text x=\"{x + 32}\" y=\"{y + 44}\">minimax winner</text>\n"));
        svg.Append(Inv($"<text x=\"{x}\" y=\"{y + 64}\" font-size=\"11\" fill=\"#555\">○ start   ● end</text>\n"));
    }

    /// <summary>A five-pointed star of outer radius <paramref name="r"/> as path data.</summary>
    private static string Star(double cx, double cy, double r)
    {
        var corners = Enumerable.Range(0, 10).Select(k =>
        {
            double radius = k % 2 == 0 ? r : r * 0.45, angle = -Math.PI / 2 + k * Math.PI / 5;
            return Inv($"{cx + radius * Math.Cos(angle):F1},{cy + radius * Math.Sin(angle):F1}");
        });
        return "M" + string.Join(" L", corners) + " Z";
    }

    private static string Points(IEnumerable<(double X, double Y)> points) => string.Join(" ", points.Select(p => Inv($"{p.X:F1},{p.Y:F1}")));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
