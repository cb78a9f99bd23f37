using System.Globalization;
using System.Net;
using System.Text;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Runs.Charts;

/// <summary>
/// An SVG figure of a game (<c>rebel solve --plot</c>): per context a heatmap of its preference matrix
/// <c>P(row ≻ column)</c> on a diverging scale (blue below ½, white at ½, red above), and beside each row the
/// minimax winner's probability of that response as a bar, so that the support can be read against the cycles.
/// </summary>
public static class PreferenceHeatmap
{
    /// <summary>The most contexts one figure stacks.</summary>
    public const int MaxContexts = 16;

    /// <summary>The most responses per context (beyond this a cell is under two pixels).</summary>
    public const int MaxResponses = 240;

    private const double MatrixSide = 480, LabelWidth = 120, BarWidth = 180, Gap = 36, PanelTop = 80, PanelBottom = 40, RightWidth = 300;

    // The ends and middle of the scale (ColorBrewer RdBu): blue for P = 0, white for ½, red for 1.
    private static readonly (double R, double G, double B) Low = (33, 102, 172), Middle = (255, 255, 255), High = (178, 24, 43);

    /// <summary>The fill colour of a cell with preference <paramref name="p"/> (clamped to [0, 1]), as <c>#rrggbb</c>; red minus blue grows with <paramref name="p"/>.</summary>
    public static string Colour(double p)
    {
        p = double.IsNaN(p) ? 0.5 : Math.Clamp(p, 0, 1);
        var (from, to, t) = p < 0.5 ? (Middle, Low, (0.5 - p) * 2) : (Middle, High, (p - 0.5) * 2);
        int Channel(double a, double b) => (int)Math.Round(a + (b - a) * t);
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(from.R, to.R):x2}{Channel(from.G, to.G):x2}{Channel(from.B, to.B):x2}");
    }

    /// <summary>Renders the figure of <paramref name="game"/> with its <paramref name="solution"/>.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxContexts"/> contexts or a context with more than <see cref="MaxResponses"/> responses, or a solution of another game.</exception>
    public static string Render(TabularGame game, GameSolution solution)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(solution);
        if (game.Contexts.Count > MaxContexts)
            throw new ArgumentException(Inv($"the game has {game.Contexts.Count} contexts; a heatmap figure shows at most {MaxContexts}"), nameof(game));
        if (game.Contexts.FirstOrDefault(c => c.Count > MaxResponses) is { } big)
            throw new ArgumentException(Inv($"context '{big.Name}' has {big.Count} responses; a heatmap shows at most {MaxResponses}"), nameof(game));
        if (solution.Contexts.Count != game.Contexts.Count || game.Contexts.Where((c, i) => solution.Contexts[i].Policy.Count != c.Count).Any())
            throw new ArgumentException("the solution does not match the game's contexts and responses", nameof(solution));
        var heights = game.Contexts.Select(c => PanelTop + Cell(c.Count) * c.Count + PanelBottom).ToArray();
        double height = 50 + heights.Sum();
        string title = Inv($"{game.Name}: P(row ≻ column) and the minimax winner (duality gap {solution.DualityGap:G2})");
        // Wide enough for the largest matrix with its bars and scale, and for the title (about 0.6 em a character).
        double width = Math.Ceiling(Math.Max(LabelWidth + game.Contexts.Max(c => Cell(c.Count) * c.Count) + Gap + RightWidth, 40 + 10.5 * title.Length));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, DejaVu Sans, sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        double top = 50;
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            Panel(svg, game.Contexts[c], solution.Contexts[c], top, multiple: game.Contexts.Count > 1);
            top += heights[c];
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The side of a cell: the matrix fills <see cref="MatrixSide"/> up to 40 pixels a cell.</summary>
    private static double Cell(int n) => Math.Min(40, Math.Floor(MatrixSide / n * 10) / 10);

    private static void Panel(StringBuilder svg, GameContext context, MinimaxWinnerResult winner, double top, bool multiple)
    {
        int n = context.Count;
        double cell = Cell(n), x0 = LabelWidth, y0 = top + PanelTop - 10, side = cell * n;
        bool labels = cell >= 10, values = cell >= 30;
        if (multiple)
            svg.Append(Inv($"<text x=\"{x0}\" y=\"{top + 16}\" font-weight=\"bold\">context {Escape(context.Name)} (weight {context.Weight:G3})</text>\n"));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double p = context.Preference[i, j];
                svg.Append(Inv($"<rect class=\"cell\" data-row=\"{i}\" data-col=\"{j}\" x=\"{x0 + j * cell:F1}\" y=\"{y0 + i * cell:F1}\" width=\"{cell:F1}\" height=\"{cell:F1}\" fill=\"{Colour(p)}\"><title>{Escape(context.Responses[i])} ≻ {Escape(context.Responses[j])}: {p:G4}</title></rect>\n"));
                if (values)
                    svg.Append(Inv($"<text x=\"{x0 + (j + 0.5) * cell:F1}\" y=\"{y0 + (i + 0.5) * cell + 4:F1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(Math.Abs(p - 0.5) > 0.35 ? "white" : "#222")}\">{p:0.00}</text>\n"));
            }
            if (labels)
            {
                svg.Append(Inv($"<text x=\"{x0 - 6}\" y=\"{y0 + (i + 0.5) * cell + 4:F1}\" text-anchor=\"end\">{Escape(Short(context.Responses[i]))}</text>\n"));
                svg.Append(Inv($"<text transform=\"translate({x0 + (i + 0.5) * cell + 4:F1} {y0 - 6}) rotate(-45)\">{Escape(Short(context.Responses[i]))}</text>\n"));
            }
        }
        svg.Append(Inv($"<rect x=\"{x0}\" y=\"{y0}\" width=\"{side:F1}\" height=\"{side:F1}\" fill=\"none\" stroke=\"#333\"/>\n"));

        // The minimax winner beside the rows it weights: a bar per response, support in black, the rest as a hairline.
        double bx = x0 + side + Gap;
        svg.Append(Inv($"<text x=\"{bx}\" y=\"{y0 - 8}\" font-weight=\"bold\">minimax winner π*</text>\n"));
        svg.Append(Inv($"<line x1=\"{bx}\" y1=\"{y0}\" x2=\"{bx}\" y2=\"{y0 + side:F1}\" stroke=\"#333\"/>\n"));
        var support = winner.Support.ToHashSet();
        for (int i = 0; i < n; i++)
        {
            double w = winner.Policy[i] * BarWidth, h = Math.Max(1, cell * 0.7);
            double y = y0 + (i + 0.5) * cell - h / 2;
            svg.Append(Inv($"<rect class=\"winner\" data-row=\"{i}\" x=\"{bx}\" y=\"{y:F1}\" width=\"{w:F2}\" height=\"{h:F1}\" fill=\"{(support.Contains(i) ? "#222" : "#bbb")}\"/>\n"));
            if (labels && support.Contains(i))
                svg.Append(Inv($"<text x=\"{bx + w + 4:F1}\" y=\"{y0 + (i + 0.5) * cell + 4:F1}\">{winner.Policy[i]:0.###}</text>\n"));
        }
        ColourBar(svg, bx, y0 + side + 14);
    }

    /// <summary>The scale: eleven swatches from P = 0 to 1 with the ends and the middle labelled.</summary>
    private static void ColourBar(StringBuilder svg, double x, double y)
    {
        const double w = 14;
        for (int k = 0; k <= 10; k++)
            svg.Append(Inv($"<rect x=\"{x + k * w}\" y=\"{y}\" width=\"{w}\" height=\"10\" fill=\"{Colour(k / 10.0)}\" stroke=\"#999\" stroke-width=\"0.3\"/>\n"));
        foreach (var (k, text) in new[] { (0, "0"), (5, "½"), (10, "1") })
            svg.Append(Inv($"<text x=\"{x + (k + 0.5) * w}\" y=\"{y + 22}\" text-anchor=\"middle\" font-size=\"10\">{text}</text>\n"));
        svg.Append(Inv($"<text x=\"{x + 11 * w + 6}\" y=\"{y + 9}\" font-size=\"10\">P(row ≻ column)</text>\n"));
    }

    private static string Short(string name) => name.Length <= 14 ? name : name[..13] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
