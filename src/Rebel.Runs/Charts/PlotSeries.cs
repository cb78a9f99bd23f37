using System.Globalization;
using System.Text.Json;
using Rebel.Preference;
using Rebel.Runs.Json;

namespace Rebel.Runs.Charts;

/// <summary>
/// The duality gaps a run's plot and summary need, in memory bounded independently of the run's length: the points
/// at every multiple of <see cref="Stride"/>, at most <see cref="Capacity"/> of them (when full, every other point is
/// dropped and the stride doubles), plus the latest point. The kept points depend only on the sequence of iterations,
/// so a resumed run keeps exactly the points an uninterrupted one does; the checkpoint stores them, so that a resume
/// never reads the metrics file back. For a game of one context with three responses the series also keeps, at the
/// same iterations, the last and average iterates (the trajectory of <c>simplex.svg</c>).
/// </summary>
internal sealed class PlotSeries
{
    public const int Capacity = 2048;

    private readonly List<double> _last = [];
    private readonly List<double> _average = [];
    // The estimates' 95% half-widths (dg_last_est_ci, dg_avg_est_ci) at the same points; NaN for exact gaps.
    private readonly List<double> _lastCi = [];
    private readonly List<double> _averageCi = [];
    private readonly List<double[]>? _simplex;
    private (int Iteration, double Last, double Average, double LastCi, double AverageCi)? _latest;

    /// <param name="tracksSimplex">Whether to keep the three-response trajectory (see <see cref="Add"/>).</param>
    public PlotSeries(bool tracksSimplex) => _simplex = tracksSimplex ? [] : null;

    /// <summary>Whether the series keeps the three-response trajectory (a checkpoint from before it was kept has none).</summary>
    public bool TracksSimplex => _simplex is not null;

    /// <summary>The trajectory at the kept iterations (those of <see cref="Points"/> but the latest): per point the last then the average iterate, six numbers.</summary>
    public IReadOnlyList<double[]> Simplex => _simplex ?? [];

    /// <summary>Whether the latest gaps are estimates (a judge whose matrix is not enumerated), not exact gaps.</summary>
    public bool Estimated { get; private set; }

    /// <summary>
    /// The gaps a plot shows for <paramref name="m"/>: the exact <c>dg_last</c> and <c>dg_avg</c>, or where they are
    /// not computed (NaN: a judge's matrix is not enumerated) the estimates <c>dg_last_est</c> and <c>dg_avg_est</c>.
    /// </summary>
    public static (double Last, double Average, bool Estimated) Gaps(IterationMetrics m)
    {
        if (!double.IsNaN(m.DualityGapLast) || !double.IsNaN(m.DualityGapAverage))
            return (m.DualityGapLast, m.DualityGapAverage, false);
        double Extra(string key) => m.Extra.Where(e => e.Key == key).Select(e => e.Value).DefaultIfEmpty(double.NaN).First();
        double last = Extra("dg_last_est"), average = Extra("dg_avg_est");
        return (last, average, !double.IsNaN(last) || !double.IsNaN(average));
    }

    /// <summary>The 95% half-widths of <see cref="Gaps"/> when they are estimates (<c>dg_last_est_ci</c>, <c>dg_avg_est_ci</c>), else NaN.</summary>
    public static (double Last, double Average) Intervals(IterationMetrics m)
    {
        double Extra(string key) => m.Extra.Where(e => e.Key == key).Select(e => e.Value).DefaultIfEmpty(double.NaN).First();
        return Gaps(m).Estimated ? (Extra("dg_last_est_ci"), Extra("dg_avg_est_ci")) : (double.NaN, double.NaN);
    }

    /// <summary>The distance in iterations between kept points (a power of two); point k is at iteration (k + 1)·stride.</summary>
    public int Stride { get; private set; } = 1;

    /// <summary>Records an iteration's <see cref="Gaps"/>; <paramref name="simplex"/> gives its six trajectory numbers and is called only for a kept point of a series that <see cref="TracksSimplex"/>.</summary>
    public void Add(IterationMetrics m, Func<double[]> simplex)
    {
        int iteration = m.Iteration;
        (double last, double average, Estimated) = Gaps(m);
        var (lastCi, averageCi) = Intervals(m);
        _latest = (iteration, last, average, lastCi, averageCi);
        if (iteration % Stride != 0)
            return;
        if (_last.Count == Capacity)
        {
            Halve(_last);
            Halve(_average);
            Halve(_lastCi);
            Halve(_averageCi);
            if (_simplex is not null)
                Halve(_simplex);
            Stride *= 2;
            if (iteration % Stride != 0)
                return;
        }
        _last.Add(last);
        _average.Add(average);
        _lastCi.Add(lastCi);
        _averageCi.Add(averageCi);
        _simplex?.Add(simplex());
    }

    /// <summary>The kept points and the latest one: iterations, dg_last, dg_avg.</summary>
    public (double[] Iterations, double[] Last, double[] Average) Points()
    {
        var x = Enumerable.Range(1, _last.Count).Select(k => (double)k * Stride).ToList();
        var last = new List<double>(_last);
        var average = new List<double>(_average);
        if (_latest is { } p && p.Iteration % Stride != 0)
        {
            x.Add(p.Iteration);
            last.Add(p.Last);
            average.Add(p.Average);
        }
        return (x.ToArray(), last.ToArray(), average.ToArray());
    }

    /// <summary>The 95% half-widths at the points of <see cref="Points"/> (NaN where the gaps are exact).</summary>
    public (double[] Last, double[] Average) Bands()
    {
        var last = new List<double>(_lastCi);
        var average = new List<double>(_averageCi);
        if (_latest is { } p && p.Iteration % Stride != 0)
        {
            last.Add(p.LastCi);
            average.Add(p.AverageCi);
        }
        return (last.ToArray(), average.ToArray());
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("stride", Stride);
        FiniteJson.WriteArray(w, "dg_last", _last);
        FiniteJson.WriteArray(w, "dg_avg", _average);
        // Only an estimating run has intervals; an exact run's checkpoint stays as it was.
        if (_lastCi.Any(double.IsFinite) || _averageCi.Any(double.IsFinite))
        {
            FiniteJson.WriteArray(w, "dg_last_ci", _lastCi);
            FiniteJson.WriteArray(w, "dg_avg_ci", _averageCi);
        }
        if (_simplex is not null)
        {
            w.WriteStartArray("simplex");
            foreach (var point in _simplex)
                FiniteJson.WriteArray(w, null, point);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>Restores the points written by <see cref="Write"/> for a run at <paramref name="iteration"/> whose last metrics were <paramref name="latest"/>.</summary>
    /// <exception cref="FormatException">The points do not belong to a run at that iteration.</exception>
    public static PlotSeries Read(JsonElement e, int iteration, IterationMetrics? latest)
    {
        int stride = e.GetProperty("stride").GetInt32();
        if (stride < 1 || (stride & (stride - 1)) != 0)
            throw new FormatException(Inv($"plot.stride = {stride} is not a power of two"));
        var last = Values(e, "dg_last");
        var average = Values(e, "dg_avg");
        if (last.Count != average.Count || last.Count != iteration / stride || last.Count > Capacity)
            throw new FormatException(Inv($"plot holds {last.Count} and {average.Count} points, a run at iteration {iteration} with stride {stride} has {iteration / stride}"));
        // A checkpoint written before the intervals were kept, or of exact gaps, has none.
        var lastCi = e.TryGetProperty("dg_last_ci", out _) ? Values(e, "dg_last_ci") : Enumerable.Repeat(double.NaN, last.Count).ToList();
        var averageCi = e.TryGetProperty("dg_avg_ci", out _) ? Values(e, "dg_avg_ci") : Enumerable.Repeat(double.NaN, last.Count).ToList();
        if (lastCi.Count != last.Count || averageCi.Count != last.Count)
            throw new FormatException(Inv($"plot holds {lastCi.Count} and {averageCi.Count} interval points, not {last.Count}"));
        var simplex = e.TryGetProperty("simplex", out var points)
            ? points.EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList()
            : null;
        if (simplex is not null && (simplex.Count != last.Count || simplex.Any(p => p.Length != 6 || p.Any(v => !(v >= -1e-9 && v <= 1 + 1e-9)))))
            throw new FormatException(Inv($"plot.simplex holds {simplex.Count} points, not {last.Count} of six probabilities"));
        var series = new PlotSeries(simplex is not null) { Stride = stride };
        series._last.AddRange(last);
        series._average.AddRange(average);
        series._lastCi.AddRange(lastCi);
        series._averageCi.AddRange(averageCi);
        series._simplex?.AddRange(simplex!);
        if (latest is not null)
        {
            var (l, a, estimated) = Gaps(latest);
            var (lc, ac) = Intervals(latest);
            series._latest = (latest.Iteration, l, a, lc, ac);
            series.Estimated = estimated;
        }
        return series;
    }

    private static void Halve<T>(List<T> values)
    {
        // Point k is at iteration (k + 1)·stride; the odd k are the multiples of the doubled stride.
        int kept = 0;
        for (int k = 1; k < values.Count; k += 2)
            values[kept++] = values[k];
        values.RemoveRange(kept, values.Count - kept);
    }

    private static List<double> Values(JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToList();

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
