using System.Globalization;
using System.Text.Json;
using Rebel.Runs.Json;

namespace Rebel.Runs.Charts;

/// <summary>
/// What a comparison reads back from a finished run directory besides its final metrics: how the run learned its win
/// rates (from its <c>config.json</c>) and the oracle queries it had used when <c>dg_avg</c> first reached a target
/// (streamed from <c>metrics.jsonl</c>, one line at a time).
/// </summary>
/// <param name="WinRates">How the win rates were obtained, e.g. <c>exact (reference)</c> or <c>K=4 bernoulli</c> (no commas: it is a CSV cell).</param>
/// <param name="Reached">Whether <c>dg_avg</c> reached the target.</param>
/// <param name="QueriesToTarget">Cumulative <c>oracle_queries</c> at the first iteration with <c>dg_avg ≤</c> the target; null if never reached or not reported.</param>
internal sealed record RunTrace(string WinRates, bool Reached, double? QueriesToTarget)
{
    /// <summary>Reads the trace of the run in <paramref name="directory"/> for the target gap <paramref name="target"/>.</summary>
    /// <exception cref="RunException">The directory holds no readable run.</exception>
    public static RunTrace Read(string directory, double target)
    {
        string configPath = Path.Combine(directory, RunFiles.Config);
        string metricsPath = Path.Combine(directory, RunFiles.Metrics);
        if (!File.Exists(configPath) || !File.Exists(metricsPath))
            throw new RunException($"{directory}: not a run directory (no {RunFiles.Config} or {RunFiles.Metrics})");
        var (config, _) = RunConfigJson.Parse(File.ReadAllBytes(configPath), configPath);
        using var reader = new StreamReader(metricsPath);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.GetProperty("dg_avg") is { ValueKind: JsonValueKind.Number } gap && gap.GetDouble() <= target)
                return new(Describe(config), true, root.TryGetProperty("oracle_queries", out var q) ? q.GetDouble() : null);
        }
        return new(Describe(config), false, null);
    }

    private static string Describe(RunConfig config)
    {
        if (config.Algorithm == "mirror-descent")
            return "exact (reference)";
        var shared = config.Shared;
        string feedback = shared.Feedback.ToString().ToLowerInvariant();
        string budget = shared.QueryBudget is { } b ? string.Create(CultureInfo.InvariantCulture, $" {b} queries") : "";
        return shared.Samples.Count is { } k
            ? string.Create(CultureInfo.InvariantCulture, $"K={k} {feedback}{budget}")
            : $"all responses {feedback}{budget}";
    }
}
