using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Runs.Tests;

public sealed class SweepTests
{
    private static SweepSpec Spec(params SweepParameter[] grid) =>
        new() { Games = ["rps"], Algorithms = ["rebel", "omwu"], Grid = grid, Seeds = 2, Iterations = 10 };

    [Fact]
    public void Plan_expands_games_algorithms_grid_and_seeds_in_order_with_canonical_values_and_readable_names()
    {
        var plan = Sweep.Plan(Spec(new("eta", ["1e-1", "0.2"]), new("feedback", ["exact", "bernoulli"])), GameSource.Load, "test");

        Assert.Equal(2 * 2 * 2 * 2, plan.Points.Count);
        var first = plan.Points[0];
        Assert.Equal("rps-rebel-eta=0.1-feedback=exact-s0", first.Name);
        Assert.Equal(["eta", "feedback"], first.Values.Select(v => v.Key));
        Assert.Equal(0.1, first.Config.Shared.Eta);
        Assert.Equal(0.1, ((RebelOptions)first.Config.AlgorithmOptions!).Eta);
        Assert.Equal(1UL, plan.Points[1].Seed);
        Assert.Equal("rps-rebel-eta=0.1-feedback=bernoulli-s0", plan.Points[2].Name);
        Assert.Equal(FeedbackKind.Bernoulli, plan.Points[2].Config.Shared.Feedback);
        Assert.Equal("rps-omwu-eta=0.2-feedback=bernoulli-s1", plan.Points[^1].Name);
        Assert.All(plan.Points, p => Assert.Equal(10, p.Config.Iterations));
        Assert.Equal(plan.Points.Count, plan.Points.Select(p => p.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("eta", new[] { "0.1", "0.10" }, "test: grid: option 'eta' has the value 0.1 twice")]
    [InlineData("alpha", new[] { "0.1" }, "test: grid: algorithm rebel has no option 'alpha'")]
    [InlineData("frobs", new[] { "1" }, "test: grid: unknown option 'frobs'")]
    [InlineData("estimator", new[] { "leave-one-out" }, "test: grid: algorithm omwu has no option 'estimator'")]
    [InlineData("samples", new[] { "1" }, "test: grid: samples: '1' is not a sample count")]
    public void Plan_refuses_a_bad_grid_naming_it(string name, string[] values, string message)
    {
        var e = Assert.Throws<RunException>(() => Sweep.Plan(Spec(new SweepParameter(name, values)), GameSource.Load, "test"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_game_files_of_one_name_would_share_run_directories_and_are_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["a"]);
        Directory.CreateDirectory(dir["b"]);
        string a = TestGames.Write(dir, Path.Combine("a", "g.json"), TestGames.WeightedRps());
        string b = TestGames.Write(dir, Path.Combine("b", "g.json"), TestGames.WeightedRps());
        var e = Assert.Throws<RunException>(() => Sweep.Plan(Spec() with { Games = [a, b] }, GameSource.Load, "test"));
        Assert.Contains("would share the run directory 'g-rebel-s0'", e.Message, StringComparison.Ordinal);
    }
}
