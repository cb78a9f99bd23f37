using System.Diagnostics;

namespace Rebel.Bench;

/// <summary>What every figure shares: the quick flag, the peers, scratch space, and the measured copy bandwidth.</summary>
public sealed class BenchContext
{
    /// <summary>Creates the context; <paramref name="peers"/> is null when no peer can run.</summary>
    public BenchContext(bool quick, Peers? peers)
    {
        Quick = quick;
        Peers = peers;
        Scratch = Directory.CreateTempSubdirectory("rebel-bench-").FullName;
    }

    /// <summary>Smaller horizons for a fast smoke run.</summary>
    public bool Quick { get; }

    /// <summary>The Python peers, or null.</summary>
    public Peers? Peers { get; }

    /// <summary>A temporary directory for instance files.</summary>
    public string Scratch { get; }

    /// <summary>STREAM-like copy bandwidth in bytes per second (read + write), set by the copy figure.</summary>
    public double CopyBandwidth { get; set; } = double.NaN;

    /// <summary>The best (minimum) wall time of <paramref name="repeats"/> runs of <paramref name="action"/>, in seconds.</summary>
    public static double BestSeconds(int repeats, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
