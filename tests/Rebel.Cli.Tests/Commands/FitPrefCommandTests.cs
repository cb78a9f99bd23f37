using Rebel.Cli.Tests.Utils;
using Rebel.Games;

namespace Rebel.Cli.Tests.Commands;

public sealed class FitPrefCommandTests
{
    [Fact]
    public void Fitted_bt_model_reproduces_the_observed_probability_and_loads_as_a_pref_model()
    {
        using var dir = new TempDirectory();
        // One pair observed with P(u ≻ v) = 0.7: the BT maximum-likelihood fit has σ(s_u − s_v) = 0.7 up to the small ridge.
        File.WriteAllText(dir["pairs.jsonl"], "{\"context\": \"x\", \"a\": \"u\", \"b\": \"v\", \"p\": 0.7}\n");
        var fit = RebelProcess.Run(dir.Path, "fit-pref", "--data", "pairs.jsonl", "--model", "bt", "--out", "model.json", "--ridge", "1e-9");
        Assert.Equal(0, fit.ExitCode);

        var game = GameFile.Read(dir["model.json"]);
        var context = Assert.Single(game.Contexts);
        Assert.Equal(["u", "v"], context.Responses);
        Assert.Equal(0.7, context.Preference[0, 1], 1e-6);

        var run = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "model.json", "--iterations", "20", "--out", "run");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(20, File.ReadAllLines(dir[Path.Combine("run", "metrics.jsonl")]).Length);
    }

    [Fact]
    public void Fit_pref_reports_the_fit_the_cycles_and_the_held_out_scores()
    {
        using var dir = new TempDirectory();
        // A ≻ B ≻ C ≻ D ≻ A, three times over: BT with no ridge is at chance on the cycle, its folds too.
        var edges = new[] { ("A", "B"), ("B", "C"), ("C", "D"), ("D", "A") };
        File.WriteAllLines(dir["cycle.jsonl"], Enumerable.Range(0, 3).SelectMany(_ => edges)
            .Select(e => $$"""{"context": "q", "a": "{{e.Item1}}", "b": "{{e.Item2}}", "winner": "a"}"""));
        var fit = RebelProcess.Run(dir.Path, "fit-pref", "--data", "cycle.jsonl", "--ridge", "0", "--folds", "3", "--out", "bt.json");
        Assert.Equal(0, fit.ExitCode);
        Assert.Contains("12 comparison(s)", fit.Stdout, StringComparison.Ordinal);
        Assert.Contains("cyclic comparisons: 12 on cycles of the data's majority graph, accuracy 0.5", fit.Stdout, StringComparison.Ordinal);
        Assert.Contains("held out (3-fold): log-likelihood", fit.Stdout, StringComparison.Ordinal);

        var both = RebelProcess.Run(dir.Path, "fit-pref", "--data", "cycle.jsonl", "--holdout", "0.2", "--folds", "3", "--out", "x.json");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--holdout", both.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["x.json"]));
    }
}
