using System.Text.Json;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

public sealed class SolveCommandTests
{
    [Fact]
    public void Json_output_of_rps_is_one_object_with_the_uniform_certified_policy()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("rps", root.GetProperty("game").GetString());
        Assert.InRange(root.GetProperty("duality_gap").GetDouble(), -1e-12, 1e-9);
        var context = Assert.Single(root.GetProperty("contexts").EnumerateArray().ToArray());
        Assert.Equal(["rock", "paper", "scissors"], context.GetProperty("responses").EnumerateArray().Select(e => e.GetString()!));
        Assert.All(context.GetProperty("policy").EnumerateArray(), p => Assert.Equal(1.0 / 3, p.GetDouble(), 1e-9));
        Assert.Equal([0, 1, 2], context.GetProperty("support").EnumerateArray().Select(e => e.GetInt32()));
        Assert.InRange(context.GetProperty("duality_gap").GetDouble(), -1e-12, 1e-9);
        Assert.Equal(1.0, context.GetProperty("weight").GetDouble());
    }

    [Fact]
    public void Json_output_of_weighted_rps_file_is_its_closed_form_winner()
    {
        using var dir = new TempDirectory();
        string game = TestGames.Write(dir, "wrps.json", TestGames.WeightedRps());
        var r = RebelProcess.Run(dir.Path, "solve", "--game", game, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var policy = doc.RootElement.GetProperty("contexts")[0].GetProperty("policy").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(3.0 / 7, policy[0], 1e-9);
        Assert.Equal(3.0 / 7, policy[1], 1e-9);
        Assert.Equal(1.0 / 7, policy[2], 1e-9);
        Assert.InRange(doc.RootElement.GetProperty("duality_gap").GetDouble(), -1e-12, 1e-9);
    }

    [Fact]
    public void Plot_writes_the_heatmap_and_refuses_an_unknown_extension_or_too_many_contexts_in_one_line()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "weighted-rps", "--plot", "wrps.svg");
        Assert.Equal(0, r.ExitCode);
        var svg = System.Xml.Linq.XDocument.Load(dir["wrps.svg"]);
        Assert.Equal(9, svg.Descendants(System.Xml.Linq.XName.Get("rect", "http://www.w3.org/2000/svg")).Count(e => e.Attribute("class")?.Value == "cell"));

        foreach (var (args, expected) in new[]
        {
            (new[] { "--game", "rps", "--plot", "x.pdf" }, "rebel: --plot x.pdf: the figure file must end in .svg or .png"),
            (new[] { "--game", "contextual:contexts=20,n=3", "--plot", "x.svg" }, "rebel: --plot x.svg: the game has 20 contexts"),
        })
        {
            var bad = RebelProcess.Run(dir.Path, ["solve", .. args]);
            Assert.Equal(2, bad.ExitCode);
            Assert.StartsWith(expected, bad.Stderr, StringComparison.Ordinal);
            Assert.Single(bad.Stderr.TrimEnd('\n').Split('\n'));
        }
        Assert.False(File.Exists(dir["x.svg"]));
    }

    [Fact]
    public void Tau_solves_the_regularised_game_with_its_certificate()
    {
        // Uniform is the regularised equilibrium of rps toward the uniform reference (by symmetry); toward a reference
        // that favours rock, the equilibrium moves toward rock but stays certified.
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--tau", "0.05", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using (var doc = JsonDocument.Parse(r.Stdout))
        {
            Assert.Equal(0.05, doc.RootElement.GetProperty("tau").GetDouble());
            Assert.InRange(Math.Abs(doc.RootElement.GetProperty("dg_reg").GetDouble()), 0, 1e-12);
            Assert.All(doc.RootElement.GetProperty("contexts")[0].GetProperty("policy").EnumerateArray(), p => Assert.Equal(1.0 / 3, p.GetDouble(), 1e-12));
        }
        File.WriteAllText(dir["rho.json"], """{"format": "rebel-policy/1", "contexts": [{"name": "x0", "responses": ["rock", "paper", "scissors"], "last": [0.6, 0.2, 0.2]}]}""");
        var anchored = RebelProcess.Run(dir.Path, "solve", "--game", "rps", "--tau", "0.5", "--reference", "rho.json", "--format", "json");
        Assert.Equal(0, anchored.ExitCode);
        using var anchoredDoc = JsonDocument.Parse(anchored.Stdout);
        Assert.InRange(Math.Abs(anchoredDoc.RootElement.GetProperty("dg_reg").GetDouble()), 0, 1e-12);
        Assert.True(anchoredDoc.RootElement.GetProperty("contexts")[0].GetProperty("policy")[0].GetDouble() > 1.0 / 3);
    }

    [Theory]
    [InlineData("--tau", "0")]
    [InlineData("--reference", "rho.json")]
    public void Bad_regularisation_flags_are_one_line_user_errors(string flag, string value)
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "solve", "--game", "rps", flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(flag, Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
