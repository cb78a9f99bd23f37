using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>One swept option of a <see cref="SweepSpec"/>: its flag name and the values it takes, as a user types them.</summary>
/// <param name="Name">The option's flag name without dashes (e.g. <c>eta</c>), of <see cref="SelfPlayOptions"/> or an algorithm's options record.</param>
/// <param name="Values">The values, in order; one value fixes the option for every run.</param>
/// <param name="Algorithm">
/// The one algorithm of the sweep it applies to (written <c>algorithm:option</c>, e.g. <c>rebel:samples</c>), or null
/// for every algorithm; so that e.g. K can be swept for <c>rebel</c> beside the exact <c>mirror-descent</c>, which has no K.
/// </param>
public sealed record SweepParameter(string Name, IReadOnlyList<string> Values, string? Algorithm = null)
{
    /// <summary>How the parameter is written in a sweep file's grid and in <c>--grid</c>: <c>option</c> or <c>algorithm:option</c>.</summary>
    public string Key => Algorithm is null ? Name : $"{Algorithm}:{Name}";

    /// <summary>The parameter written as <paramref name="key"/> (<c>option</c> or <c>algorithm:option</c>).</summary>
    public static SweepParameter FromKey(string key, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SweepParameter(key, values) : new SweepParameter(key[(colon + 1)..], values, key[..colon]);
    }
}
