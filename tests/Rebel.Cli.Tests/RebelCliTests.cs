using System.Security.Cryptography;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests;

public sealed class RebelCliTests
{
    public static TheoryData<string[], string> UserErrors => new()
    {
        { ["selfplay", "--pref-model", "no-such-game"], "unknown game 'no-such-game'" },
        { ["selfplay", "--pref-model", "rps:strength=2"], "unknown parameter 'strength'" },
        { ["selfplay", "--pref-model", "rps:win=2"], "win=2" },
        { ["selfplay", "--pref-model", "missing.json"], "missing.json" },
        { ["selfplay", "--pref-model", "bad.json"], "bad.json" },
        { ["selfplay", "--algo", "no-such-algo"], "unknown algorithm 'no-such-algo'" },
        { ["selfplay", "--eta", "fast"], "--eta" },
        { ["selfplay", "--samples", "1"], "--samples" },
        { ["selfplay", "--policy", "deep"], "--policy" },
        { ["selfplay", "--iterations", "0"], "--iterations" },
        { ["selfplay", "--eta", "-1"], "--eta" },
        { ["selfplay", "--checkpoint-seconds", "0"], "--checkpoint-seconds" },
        { ["selfplay", "--algo", "nash-md", "--tau", "100"], "--tau" },
        { ["selfplay", "--algo", "rebel", "--query-budget", "0"], "--query-budget" },
        { ["selfplay", "--algo", "rebel", "--estimator", "unbiased"], "--estimator" },
        { ["selfplay", "--algo", "rebel", "--explore", "1.5"], "--explore" },
        { ["selfplay", "--algo", "omwu", "--baseline", "-0.1"], "--baseline" },
        { ["selfplay", "--algo", "rebel", "--estimator", "leave-one-out", "--explore", "0.1"], "--explore" },
        { ["selfplay", "--algo", "mirror-descent", "--feedback", "bernoulli"], "--feedback" },
        { ["selfplay", "--algo", "nash-md", "--pairs", "best-worst"], "--pairs" },
        { ["selfplay", "--seed", "-1"], "is not a seed" },
        { ["selfplay", "--samples", "1"], "K ≥ 2" },
        { ["selfplay", "--log-every", "0"], "--log-every" },
        { ["fit-pref", "--data", "pairs.jsonl", "--out", "m.json", "--seed", "x"], "is not a seed" },
        { ["selfplay", "--tau", "-1"], "--tau -1: must be a non-negative finite number" },
        { ["selfplay", "--tau", "0.1", "--reference", "missing.json"], "missing.json" },
        { ["selfplay", "--tau", "0.1", "--reference", "bad.json"], "bad.json: cannot use as the reference policy" },
        { ["selfplay", "--algo", "comal", "--inner", "0"], "rebel: --inner 0: must be at least 1" },
        { ["compare", "--algos", "mirror-descent,bt-rlhf", "--beta", "0", "--out", "cmp"], "--beta" },
        { ["selfplay", "--iterations", "many"], "many" },
        { ["selfplay", "--out", "afile/run"], "afile" },
        { ["selfplay", "--resume", "empty"], "not a run directory" },
        { ["selfplay", "--resume", "empty", "--eta", "1"], "--eta" },
        { ["selfplay", "--no-such-flag"], "--no-such-flag" },
        { ["solve"], "--game" },
        { ["solve", "--game", "rps", "--format", "xml"], "xml" },
        { ["compare", "--algos", "mirror-descent,nope", "--out", "cmp"], "unknown algorithm 'nope'" },
        { ["compare", "--algos", "mirror-descent", "--seeds", "0", "--out", "cmp"], "--seeds" },
        { ["fit-pref", "--data", "bad.jsonl", "--out", "m.json"], "bad.jsonl:2" },
        { ["fit-pref", "--data", "pairs.jsonl", "--model", "nn", "--out", "m.json"], "nn" },
        { ["fit-pref", "--data", "pairs.jsonl", "--out", "afile/m.json"], "afile" },
        { ["frobnicate"], "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public void User_error_exits_2_with_one_line_naming_the_place_and_no_stack_trace(string[] args, string named)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["bad.json"], "{\"format\": \"rebel-game/1\", \"contexts\": [");
        File.WriteAllText(dir["afile"], "not a directory");
        File.WriteAllText(dir["pairs.jsonl"], "{\"context\": \"x\", \"a\": \"u\", \"b\": \"v\", \"winner\": \"a\"}\n");
        File.WriteAllText(dir["bad.jsonl"], "{\"context\": \"x\", \"a\": \"u\", \"b\": \"v\", \"p\": 0.5}\n{\"context\": \"x\", \"a\": \"u\", \"b\": \"v\", \"p\": 1.5}\n");
        Directory.CreateDirectory(dir["empty"]);
        var r = RebelProcess.Run(dir.Path, args);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("rebel: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_run_directory_is_refused_and_left_intact()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--iterations", "50", "--out", "run").ExitCode);
        var before = Directory.GetFiles(dir["run"]).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

        var r = RebelProcess.Run(dir.Path, "selfplay", "--iterations", "80", "--out", "run");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--resume", r.Stderr, StringComparison.Ordinal);
        var after = Directory.GetFiles(dir["run"]).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_run_of_a_library_oracle_is_not_resumed_by_the_cli()
    {
        using var dir = new TempDirectory();
        var oracle = new Rebel.Preference.Oracles.TabularOracle(Rebel.Games.Zoo.GameZoo.Create("weighted-rps"));
        new Rebel.Runs.RunBuilder(oracle, new Rebel.Runs.OracleIdentity("wrps", "1")) { Iterations = 5 }.Create(dir["run"]).Run();

        var r = RebelProcess.Run(dir.Path, "selfplay", "--resume", "run");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("rebel: run/config.json: the run asks the library oracle 'wrps' version 1: resume it from the program that holds that oracle (RunBuilder.Resume)",
            r.Stderr.TrimEnd());
    }

    [Theory]
    [InlineData("games")]
    [InlineData("algorithms")]
    [InlineData("solve")]
    [InlineData("selfplay")]
    [InlineData("compare")]
    [InlineData("sweep")]
    [InlineData("fit-pref")]
    [InlineData("generate")]
    public void Every_command_has_help(string command)
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"rebel {command} [options]", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Games_lists_every_family_with_its_parameters_and_defaults()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "games");
        Assert.Equal(0, r.ExitCode);
        foreach (var family in Rebel.Games.Zoo.GameZoo.Families)
        {
            Assert.Contains($"{family.Name} — {family.Description}", r.Stdout, StringComparison.Ordinal);
            foreach (var p in family.Parameters)
                Assert.Contains($"{p.Name}={p.Default}", r.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Algorithms_state_each_guarantee_in_the_table_and_in_json()
    {
        using var dir = new TempDirectory();
        var table = RebelProcess.Run(dir.Path, "algorithms");
        var json = RebelProcess.Run(dir.Path, "algorithms", "--format", "json");
        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.Contains("comal — COMAL", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("[last iterate → minimax winner]", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("--eta=1 (exact), tuned (sampled)", table.Stdout, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var listed = doc.RootElement.GetProperty("algorithms").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("guarantee").GetString());
        foreach (var a in Rebel.Preference.AlgorithmCatalog.All)
            Assert.Equal(Rebel.Preference.AlgorithmDescriptor.Describe(a.Guarantee), listed[a.Name]);
        Assert.Equal("average iterate → minimax winner", listed["rebel"]);
        Assert.Equal("last iterate → regularised equilibrium", listed["egpo"]);
        Assert.Equal("no guarantee", listed["bt-rlhf"]);
    }

    [Fact]
    public void Games_export_writes_a_zoo_game_as_a_file_that_loads_back_equal()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "games", "--export", "bt-mixture:n=6,seed=2", "bt.json");
        Assert.Equal(0, r.ExitCode);
        var exported = Rebel.Games.GameFile.Read(dir["bt.json"]);
        var zoo = Rebel.Games.GameSource.Load("bt-mixture:n=6,seed=2");
        Assert.Equal(zoo.Contexts[0].Responses, exported.Contexts[0].Responses);
        Assert.Equal(zoo.Contexts[0].Preference.ToArray(), exported.Contexts[0].Preference.ToArray());

        var missing = RebelProcess.Run(dir.Path, "games", "--export", "condorcet");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--export", missing.Stderr, StringComparison.Ordinal);
    }
}
