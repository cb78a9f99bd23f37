using System.Diagnostics;
using System.Globalization;
using Rebel.Preference;
using Rebel.Preference.Runs;
using Spectre.Console;

namespace Rebel.Cli.Utils;

/// <summary>
/// Shows a run's progress: a live Spectre progress bar on a terminal, and plain lines (every tenth of the run)
/// when the output is redirected, so logs stay readable.
/// </summary>
internal static class RunProgress
{
    private static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/> to completion under a progress display labelled <paramref name="label"/>.</summary>
    public static RunResult Run(SelfPlayRun run, string label, CancellationToken cancellation)
    {
        int total = run.Config.Iterations;
        if (!Interactive)
        {
            int every = Math.Max(1, total / 10);
            return run.Run(m =>
            {
                if (m.Iteration % every == 0 || m.Iteration == total)
                    Console.WriteLine($"{label} {Status(m, total)}");
            }, cancellation);
        }
        RunResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: total);
                task.Value = run.Algorithm.Iteration;
                var refresh = Stopwatch.StartNew();
                result = run.Run(m =>
                {
                    if (refresh.ElapsedMilliseconds < 100 && m.Iteration < total)
                        return;
                    refresh.Restart();
                    task.Value = m.Iteration;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{label}  dg_last={m.DualityGapLast:G3}  dg_avg={m.DualityGapAverage:G3}"));
                }, cancellation);
                task.Value = total;
            });
        return result!;
    }

    private static string Status(IterationMetrics m, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"iteration {m.Iteration}/{total}  dg_last={m.DualityGapLast:G4}  dg_avg={m.DualityGapAverage:G4}");
}
