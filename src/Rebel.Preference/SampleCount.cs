using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Rebel.Preference;

/// <summary>
/// How many responses self-play draws per context: a number K ≥ 2, or <c>all</c> (every response once, with
/// its exact win rate — the setting in which REBEL reproduces exact mirror descent).
/// </summary>
public readonly record struct SampleCount : IParsable<SampleCount>
{
    private SampleCount(int? count) => Count = count;

    /// <summary>K, or null for <c>all</c>.</summary>
    public int? Count { get; }

    /// <summary>Every response of the context once.</summary>
    public static SampleCount All => new(null);

    /// <summary>K responses drawn from the policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K &lt; 2.</exception>
    public static SampleCount Of(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        return new(k);
    }

    /// <inheritdoc/>
    public static SampleCount Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var r) ? r : throw new FormatException($"'{s}' is not a sample count: expected an integer K ≥ 2 or 'all'");

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SampleCount result)
    {
        result = default;
        if (s is null)
            return false;
        if (string.Equals(s.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            result = All;
            return true;
        }
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k >= 2)
        {
            result = new(k);
            return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Count?.ToString(CultureInfo.InvariantCulture) ?? "all";
}
