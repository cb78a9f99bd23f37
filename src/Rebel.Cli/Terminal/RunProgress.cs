using System.Diagnostics;
using System.Globalization;
using Rebel.Preference;
using Rebel.Runs;
using Spectre.Console;

namespace Rebel.Cli.Terminal;

/// <summary>
/// Shows a run's progress on stderr, so that stdout carries only results: a live Spectre progress bar when stderr is
/// a terminal, and plain lines by the clock (<see cref="TimedProgress"/>) when it is redirected, so logs stay
/// readable and never fall silent. Each shows k/T, the duality gaps (or their estimates, for a judge whose matrix is
/// not enumerated), the regression loss where the algorithm reports one, iterations per second and the time left.
/// </summary>
internal static class RunProgress
{
    private static readonly IAnsiConsole Progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Whether stderr is a terminal that shows a live display.</summary>
    public static bool Interactive => !Console.IsErrorRedirected && Progress.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/> to completion under a progress display labelled <paramref name="label"/> (plain lines even on a terminal when <paramref name="lines"/>), calling <paramref name="also"/> (if any) after each iteration.</summary>
    public static RunResult Run(SelfPlayRun run, string label, CancellationToken cancellation, Action<IterationMetrics>? also = null, bool lines = false)
    {
        int total = run.Config.Iterations;
        if (lines || !Interactive)
        {
            IterationMetrics? latest = null;
            RunResult done;
            using (var progress = new TimedProgress(label, total, detail: () => Volatile.Read(ref latest) is { } m ? Gaps(m) : "", immediate: true))
            {
                progress.Report(0, run.Algorithm.Iteration, stepped: false);
                done = run.Run(m =>
                {
                    also?.Invoke(m);
                    if (Evaluated(m))
                        Volatile.Write(ref latest, m);
                    progress.Report(0, m.Iteration);
                }, cancellation);
                Console.Error.WriteLine(progress.Line());
            }
            return done;
        }
        var rate = new Rate(run.Algorithm.Iteration);
        RunResult? result = null;
        IterationMetrics? evaluated = null;
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
                    also?.Invoke(m);
                    if (Evaluated(m))
                        evaluated = m;
                    if (refresh.ElapsedMilliseconds < 100 && m.Iteration < total)
                        return;
                    refresh.Restart();
                    task.Value = m.Iteration;
                    task.Description = Markup.Escape($"{label}  {m.Iteration}/{total}  {(evaluated is null ? "" : Gaps(evaluated))}  {rate.PerSecond(m.Iteration).ToString(rate.PerSecond(m.Iteration) >= 10 ? "F0" : "G2", CultureInfo.InvariantCulture)} it/s");
                }, cancellation);
                task.Value = total;
            });
        return result!;
    }

    // Between two evaluated iterations (--log-every) the gaps are NaN; progress shows the latest evaluated ones.
    private static bool Evaluated(IterationMetrics m) =>
        !double.IsNaN(m.DualityGapLast) || m.Extra.Any(e => e.Key == "dg_last_est" && !double.IsNaN(e.Value));

    /// <summary>
    /// The duality gaps of <paramref name="m"/>, the regularised one under --tau, and the regression loss where the
    /// algorithm reports one; a judge run's gaps are plug-in estimates (<c>_est</c>), each with its 95% half-width, shown
    /// with the estimated win rate against uniform and its half-width.
    /// </summary>
    public static string Gaps(IterationMetrics m)
    {
        double Extra(string key) => m.Extra.Where(e => e.Key == key).Select(e => e.Value).DefaultIfEmpty(double.NaN).First();
        var text = new System.Text.StringBuilder();
        bool exact = !double.IsNaN(m.DualityGapLast);
        if (exact)
            text.Append(Inv($"dg_last={m.DualityGapLast:G4}  dg_avg={m.DualityGapAverage:G4}"));
        // The estimates a run reports, each with its half-width: beside the exact gaps, or alone where there are none.
        foreach (var (key, ci) in new[] { ("dg_last_est", "dg_last_est_ci"), ("dg_avg_est", "dg_avg_est_ci"), ("win_rate_ref_est", "win_rate_ref_ci") })
            if (Extra(key) is var v && !double.IsNaN(v) && (!exact || key == "dg_last_est"))
                text.Append(Inv($"{(text.Length > 0 ? "  " : "")}{key}={v:G3}±{Extra(ci):G2}"));
        foreach (var (key, name) in new[] { ("dg_reg", "dg_reg"), ("regression_loss", "loss") })
            if (Extra(key) is var v && !double.IsNaN(v))
                text.Append(Inv($"  {name}={v:G3}"));
        return text.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Iterations per second since the display started (a resumed run counts from where it resumed).</summary>
    private sealed class Rate(int start)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public double PerSecond(int iteration) => (iteration - start) / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
    }
}
