using System.Text.Json;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>Issue 14 §2: a run re-created from its config.json, and a run extended past its horizon.</summary>
public sealed class SelfPlayConfigTests
{
    private static string[] WithoutSeconds(string metrics) =>
        File.ReadAllLines(metrics).Select(l => l[..l.IndexOf(",\"seconds\"", StringComparison.Ordinal)]).ToArray();

    [Fact]
    public void A_config_re_creates_the_run_line_for_line_and_records_the_tuned_eta()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "condorcet", "-T", "300", "--seed", "3", "--feedback", "bernoulli", "--out", "a").ExitCode);
        using (var config = JsonDocument.Parse(File.ReadAllText(dir["a/config.json"])))
            Assert.Equal(Math.Sqrt(8 * Math.Log(3) / 300), config.RootElement.GetProperty("options").GetProperty("eta").GetDouble(), 15);
        var again = RebelProcess.Run(dir.Path, "selfplay", "--config", "a/config.json", "--out", "b");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(WithoutSeconds(dir["a/metrics.jsonl"]), WithoutSeconds(dir["b/metrics.jsonl"]));
    }

    [Fact]
    public void Resume_with_more_iterations_extends_the_run_with_its_recorded_eta()
    {
        // Extending a 200-iteration run to 350 gives the same lines as one 350-iteration run with the η the first recorded.
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "condorcet", "-T", "200", "--seed", "5", "--out", "short").ExitCode);
        double eta;
        using (var config = JsonDocument.Parse(File.ReadAllText(dir["short/config.json"])))
            eta = config.RootElement.GetProperty("options").GetProperty("eta").GetDouble();
        var extend = RebelProcess.Run(dir.Path, "selfplay", "--resume", "short", "-T", "350");
        Assert.Equal(0, extend.ExitCode);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "condorcet", "-T", "350", "--seed", "5", "--eta", eta.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--out", "long").ExitCode);
        Assert.Equal(WithoutSeconds(dir["long/metrics.jsonl"]), WithoutSeconds(dir["short/metrics.jsonl"]));

        var shorter = RebelProcess.Run(dir.Path, "selfplay", "--resume", "short", "-T", "100");
        Assert.Equal(2, shorter.ExitCode);
        Assert.Contains("iterations do not extend the run", shorter.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_configs_are_one_line_errors_that_write_nothing()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "condorcet", "-T", "20", "--out", "a").ExitCode);
        File.WriteAllText(dir["other.json"], File.ReadAllText(dir["a/config.json"]).Replace("\"game\": \"condorcet\"", "\"game\": \"rps\"", StringComparison.Ordinal));
        foreach (var (args, named) in new (string[], string)[]
        {
            (["--config", "missing.json", "--out", "b"], "missing.json"),
            (["--config", "a/config.json", "--out", "b", "--eta", "0.1"], "--eta"),
            (["--config", "a/config.json"], "--out"),
            (["--config", "other.json", "--out", "b"], "differs"),
        })
        {
            var r = RebelProcess.Run(dir.Path, ["selfplay", .. args]);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(named, r.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir["b"]));
        }
    }
}
