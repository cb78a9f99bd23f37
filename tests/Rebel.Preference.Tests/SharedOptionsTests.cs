using Rebel.Games;
using Rebel.Preference.Options;

namespace Rebel.Preference.Tests;

/// <summary>
/// Issue 9 §4: no shared option is ever silently ignored. For every algorithm and every shared option set away from
/// its default, the run either differs from the default run within a few iterations or is refused at once with one
/// line naming the option; an option the algorithm's descriptor does not declare (issue 20) is always refused.
/// </summary>
public class SharedOptionsTests
{
    private const string Game = "disc:n=5";

    /// <summary>Non-default values of every shared option, by property (the test fails for an option missing here).</summary>
    private static IReadOnlyDictionary<string, string[]> Values(string offline, string reference) => new Dictionary<string, string[]>
    {
        [nameof(SelfPlayOptions.Eta)] = ["0.7"],
        [nameof(SelfPlayOptions.Policy)] = ["loglinear"],
        [nameof(SelfPlayOptions.Samples)] = ["3", "all"],
        [nameof(SelfPlayOptions.Feedback)] = ["bernoulli"],
        [nameof(SelfPlayOptions.Pairs)] = ["random", "best-worst"],
        [nameof(SelfPlayOptions.Fit)] = ["adamw"],
        [nameof(SelfPlayOptions.LearningRate)] = ["0.3"],
        [nameof(SelfPlayOptions.Epochs)] = ["7"],
        [nameof(SelfPlayOptions.Batch)] = ["2"],
        [nameof(SelfPlayOptions.QueryBudget)] = ["2"],
        [nameof(SelfPlayOptions.Explore)] = ["0.8"],
        [nameof(SelfPlayOptions.Baseline)] = ["0.9"],
        [nameof(SelfPlayOptions.Offline)] = [offline],
        [nameof(SelfPlayOptions.Tau)] = ["0.2"],
        [nameof(SelfPlayOptions.Reference)] = [reference],
    };

    public static TheoryData<string> Algorithms() => new(AlgorithmCatalog.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void EverySharedOptionChangesTheRunOrIsRefused(string algorithm)
    {
        var game = GameSource.Load(Game);
        string offline = Path.Combine(Path.GetTempPath(), $"rebel-offline-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(offline, "{\"context\": \"x0\", \"a\": \"y0\", \"b\": \"y1\", \"winner\": \"a\"}\n{\"context\": \"x0\", \"a\": \"y2\", \"b\": \"y4\", \"p\": 0.3}\n");
        // A reference policy that is not the initial (uniform) one.
        string referencePolicy = Path.Combine(Path.GetTempPath(), $"rebel-reference-{Guid.NewGuid():N}.json");
        var responses = string.Join(", ", game.Contexts[0].Responses.Select(r => $"\"{r}\""));
        File.WriteAllText(referencePolicy, $$"""{"format": "rebel-policy/1", "contexts": [{"name": "x0", "responses": [{{responses}}], "last": [0.4, 0.3, 0.1, 0.1, 0.1]}]}""");
        try
        {
            var values = Values(offline, referencePolicy);
            var fields = OptionFields.Of(typeof(SelfPlayOptions));
            Assert.Empty(fields.Select(f => f.Property.Name).Except(values.Keys));
            var descriptor = AlgorithmCatalog.Find(algorithm);
            var reference = Trace(algorithm, game, new SelfPlayOptions());
            foreach (var field in fields)
            {
                bool declared = descriptor.SharedOptions.Contains(field.Property.Name) || SelfPlayOptions.RunLevel.Contains(field.Property.Name);
                foreach (string text in values[field.Property.Name])
                {
                    var shared = (SelfPlayOptions)OptionFields.Create(typeof(SelfPlayOptions), new Dictionary<string, string> { [field.Name] = text });
                    string[] trace;
                    try
                    {
                        trace = Trace(algorithm, game, shared);
                    }
                    catch (OptionException e)
                    {
                        // A refusal names the refused property itself, in C#; the CLI maps it to the flag.
                        Assert.DoesNotContain('\n', e.Message);
                        Assert.Equal((typeof(SelfPlayOptions), field.Property.Name), (e.Option.OptionsType, e.Option.Property));
                        Assert.StartsWith($"SelfPlayOptions.{field.Property.Name} = ", e.Message, StringComparison.Ordinal);
                        continue;
                    }
                    Assert.True(declared, $"{algorithm} --{field.Name} {text}: accepted, but its descriptor does not declare {field.Property.Name}");
                    Assert.False(trace.SequenceEqual(reference), $"{algorithm} --{field.Name} {text}: accepted but the run is the default run");
                }
            }
        }
        finally
        {
            File.Delete(offline);
            File.Delete(referencePolicy);
        }
    }

    /// <summary>Every metric of 25 iterations and the final policy, as round-trip text.</summary>
    private static string[] Trace(string algorithm, TabularGame game, SelfPlayOptions shared)
    {
        var run = Play.Create(algorithm, game, 50, seed: 3, shared: shared);
        var lines = new List<string>();
        for (int t = 0; t < 25; t++)
        {
            var m = run.Step();
            lines.Add(string.Join(",", new[] { m.DualityGapLast, m.DualityGapAverage, m.KlStep, m.Entropy }.Concat(m.Extra.Select(e => e.Value)).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        lines.Add(string.Join(",", run.Current[0].Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        return [.. lines];
    }
}
