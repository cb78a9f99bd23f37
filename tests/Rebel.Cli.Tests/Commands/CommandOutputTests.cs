using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>What the commands print, in the user's terms: no placeholder defaults, one-line errors for missing files, and every gap a run reports in its final line.</summary>
public sealed class CommandOutputTests
{
    [Fact]
    public void Algorithms_show_a_default_only_where_there_is_one()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "algorithms");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("(tuned)", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n    --tokenizer +contexts as text prompts", r.Stdout);
        Assert.Matches(@"\n    --ridge=0 ", r.Stdout);
    }

    [Fact]
    public void A_missing_reference_policy_is_named_as_missing()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "rps", "--algo", "egpo", "--tau", "0.1", "-T", "5", "--reference", "nothere/policy.json", "--out", "run");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("rebel: nothere/policy.json: no such file (the reference policy is a rebel-policy/1 file, such as a run's policy.json)\n", r.Stderr);
    }

    [Fact]
    public void The_final_line_reports_the_regularised_gap_under_tau()
    {
        using var dir = new TempDirectory();
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "rps", "--algo", "egpo", "--tau", "0.1", "-T", "20", "--out", "run");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"final duality gap after 20 iterations: last iterate [0-9.e-]+, average iterate [0-9.e-]+; regularised game's gap dg_reg [0-9.e-]+\n", r.Stdout);
    }
}
