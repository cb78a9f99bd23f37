using System.Globalization;

namespace Rebel.Bench.Figures;

/// <summary>Formats an achieved byte rate against the measured copy bandwidth.</summary>
internal static class Efficiency
{
    public static string Describe(double bytesPerSecond, BenchContext context) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytesPerSecond / 1e9:F1} GB/s read = {100 * bytesPerSecond / context.CopyBandwidth:F0}% of copy");
}
