using System.Text;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Runs;
using Xunit.Abstractions;

namespace Rebel.Cli.Tests.Fuzz;

/// <summary>
/// Mutated sweep files, seeded and bounded: each must read and plan, or be refused with a user error (what the CLI
/// prints as one line with exit 2); a crash or another exception type fails with the mutant's index, which replays it.
/// </summary>
public sealed class SweepFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261214;

    [Fact]
    public void Mutated_sweep_files_plan_or_give_a_user_error()
    {
        using var dir = new TempDirectory();
        var sweep = Encoding.UTF8.GetBytes("""
            {"format": "rebel-sweep/1", "games": ["weighted-rps", "rps"], "algorithms": ["rebel", "omwu", "mirror-descent"],
             "grid": {"eta": [0.1, 0.2], "rebel:samples": [2, 4], "rebel:estimator": ["importance-weighted"]},
             "seeds": 2, "iterations": 20, "checkpoint_seconds": 1}
            """);
        string file = dir["sweep.json"];
        var mutator = new Mutator(Seed);
        var failures = new List<string>();
        int planned = 0, refused = 0;
        for (int i = 0; i < 1500; i++)
        {
            File.WriteAllBytes(file, mutator.Mutate(sweep));
            try
            {
                Sweep.Plan(SweepSpec.Load(file), GameSource.Load, file);
                planned++;
            }
            catch (Exception e) when (e is RunException or GameValidationException)
            {
                if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains('\n', StringComparison.Ordinal))
                    failures.Add($"mutant {i}: {e.GetType().Name} message is not one line: '{e.Message}'");
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"mutant {i} (seed {Seed}): {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"sweep-file fuzz: {planned} planned, {refused} refused with a user error, {failures.Count} failures");
        Assert.Empty(failures);
        Assert.True(planned > 0 && refused > 0, "the mutants must exercise both outcomes");
    }
}
