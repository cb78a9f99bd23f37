using System.Diagnostics;
using System.Globalization;
using Rebel.Preference;
using Rebel.Preference.Runs;
using Spectre.Console;

namespace Rebel.Cli.Utils;

/// <summary>
/// Shows a run's progress on stderr, so that stdout carries only results: a live Spectre progress bar when stderr is
/// a terminal, and plain lines (every tenth of the run) when it is redirected, so logs stay readable. Each shows
/// k/T, the duality gaps, the regression loss where the algorithm reports one, and iterations per second.
/// </summary>
internal static class RunProgress
{
    private static readonly IAnsiConsole Progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static bool Interactive => !Console.IsErrorRedirected && Progress.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/> to completion under a progress display labelled <paramref name="label"/>.</summary>
    public static RunResult Run(SelfPlayRun run, string label, CancellationToken cancellation)
    {
        int total = run.Config.Iterations;
        var rate = new Rate(run.Algorithm.Iteration);
        if (!Interactive)
        {
            int every = Math.Max(1, total / 10);
            return run.Run(m =>
            {
                if (m.Iteration % every == 0 || m.Iteration == total)
                    Console.Error.WriteLine($"{label} {Status(m, total, rate.PerSecond(m.Iteration))}");
            }, cancellation);
        }
        RunResult? result = null;
        Progress.Progress()
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
                    task.Description = Markup.Escape($"{label}  {Status(m, total, rate.PerSecond(m.Iteration))}");
                }, cancellation);
                task.Value = total;
            });
        return result!;
    }

    private static string Status(IterationMetrics m, int total, double perSecond)
    {
        var loss = m.Extra.Where(e => e.Key == "regression_loss").Select(e => string.Create(CultureInfo.InvariantCulture, $"  loss={e.Value:G3}")).FirstOrDefault();
        return string.Create(CultureInfo.InvariantCulture, $"{m.Iteration}/{total}  dg_last={m.DualityGapLast:G4}  dg_avg={m.DualityGapAverage:G4}{loss}  {(perSecond >= 10 ? perSecond.ToString("F0", CultureInfo.InvariantCulture) : perSecond.ToString("G2", CultureInfo.InvariantCulture))} it/s");
    }

    /// <summary>Iterations per second since the display started (a resumed run counts from where it resumed).</summary>
    private sealed class Rate(int start)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public double PerSecond(int iteration) => (iteration - start) / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
    }
}
