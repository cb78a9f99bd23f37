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
}
