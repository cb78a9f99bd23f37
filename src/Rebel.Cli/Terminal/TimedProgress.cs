using System.Diagnostics;
using System.Globalization;

namespace Rebel.Cli.Terminal;

/// <summary>
/// Progress lines on stderr by the clock, not by the count: the first a second after the work starts (or at once) and
/// then one every <see cref="Period"/>, however long a single step takes (a neural iteration, a fit's set-up), each with the
/// steps done of the total, the steps per second since the start and the time left at that rate. Work split over
/// several slots (runs of a sweep or a comparison, in parallel) reports each slot's count; the line shows their sum.
/// Reports may come from any thread; the lines are written by a thread of their own (not the thread pool, which a
/// sweep's parallel runs or a library's set-up can keep busy past the deadline).
/// </summary>
internal sealed class TimedProgress : IDisposable
{
    /// <summary>The longest silence between two lines.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1.5);

    private readonly string _label;
    private readonly string _unit;
    private readonly long _total;
    // Per slot, a cache line apart (Stride longs): the steps done and those performed in this session. Runs of a sweep
    // report every iteration from their own threads; counters side by side (and one shared count of performed steps)
    // bounced one cache line between the cores and slowed each of two concurrent runs by a third.
    private readonly long[] _counts;
    private const int Stride = 16;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread _printer;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Func<string>? _detail;
    private long _firstStep = -1;

    /// <param name="label">What the work is, at the start of each line.</param>
    /// <param name="total">Steps in all (0 when unknown: the line then shows the elapsed time only).</param>
    /// <param name="slots">Independent parts whose counts add up to the total.</param>
    /// <param name="unit">The steps' name, as in "it/s".</param>
    /// <param name="detail">What to show after the counts (e.g. the latest duality gaps), asked for at each line, never per step.</param>
    /// <param name="immediate">Whether to print the first line at once, for work that starts only after every input was checked (else a user error could follow a progress line).</param>
    public TimedProgress(string label, long total, int slots = 1, string unit = "it", Func<string>? detail = null, bool immediate = false)
    {
        _detail = detail;
        _label = label;
        _total = total;
        _unit = unit;
        _counts = new long[slots * Stride];
        if (immediate)
            Console.Error.WriteLine(Line());
        _printer = new Thread(() =>
        {
            for (var wait = TimeSpan.FromSeconds(1); !_stop.Wait(wait); wait = Period)
                Console.Error.WriteLine(Line());
        }) { IsBackground = true, Name = "progress" };
        _printer.Start();
    }

    /// <summary>Slot <paramref name="slot"/> has done <paramref name="done"/> steps: one more than before, made in this session, when <paramref name="stepped"/> (a resumed or finished part is counted but not timed).</summary>
    public void Report(int slot, long done, bool stepped = true)
    {
        Volatile.Write(ref _counts[slot * Stride], done);
        if (!stepped)
            return;
        ref long performed = ref _counts[slot * Stride + 1];
        Volatile.Write(ref performed, performed + 1);
        if (Volatile.Read(ref _firstStep) < 0)
            Interlocked.CompareExchange(ref _firstStep, _clock.ElapsedTicks, -1);
    }

    /// <summary>The current line: counts, detail, rate and time left.</summary>
    public string Line()
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        long done = 0, performed = 0;
        for (int i = 0; i < _counts.Length; i += Stride)
        {
            done += Volatile.Read(ref _counts[i]);
            performed += Volatile.Read(ref _counts[i + 1]);
        }
        // The rate counts from the first step, so that set-up time (loading, tokenizing) does not make it look slow.
        long first = Interlocked.Read(ref _firstStep);
        double stepping = first < 0 ? 0 : (_clock.ElapsedTicks - first) / (double)Stopwatch.Frequency;
        double rate = (performed - 1) / Math.Max(1e-9, stepping);
        string detail = _detail?.Invoke() ?? "";
        var line = new System.Text.StringBuilder(_label);
        if (_total > 0)
            line.Append(Inv($" {done}/{_total}"));
        if (detail.Length > 0)
            line.Append("  ").Append(detail);
        if (_total > 0 && performed > 1 && rate > 0)
        {
            line.Append(Inv($"  {(rate >= 10 ? rate.ToString("F0", CultureInfo.InvariantCulture) : rate.ToString("G2", CultureInfo.InvariantCulture))} {_unit}/s"));
            line.Append("  ETA ").Append(Duration(Math.Max(0, _total - done) / rate));
        }
        else if (_total > 0 && done < _total)
            line.Append("  starting");
        line.Append("  (").Append(Duration(seconds)).Append(')');
        return line.ToString();
    }

    /// <summary>A duration for reading: seconds, minutes or hours.</summary>
    public static string Duration(double seconds) =>
        seconds < 90 ? Inv($"{seconds:F0} s") : seconds < 5400 ? Inv($"{seconds / 60:F0} min") : Inv($"{seconds / 3600:F1} h");

    /// <summary>Stops the lines (the last state is not printed again: the command prints its result).</summary>
    public void Dispose()
    {
        _stop.Set();
        _printer.Join();
        _stop.Dispose();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
