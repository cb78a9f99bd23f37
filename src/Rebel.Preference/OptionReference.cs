using System.Globalization;

namespace Rebel.Preference;

/// <summary>
/// A property of an options record, optionally with a value, as an <see cref="OptionException"/> names it: the library
/// writes it as C# (<c>RebelOptions.Ridge = 0.5</c>), the command line as its flag (<c>--ridge 0.5</c>).
/// </summary>
/// <param name="OptionsType">The options record, e.g. <see cref="SelfPlayOptions"/>.</param>
/// <param name="Property">The property's C# name, e.g. <c>nameof(SelfPlayOptions.Eta)</c>.</param>
/// <param name="Value">The value it has or should have.</param>
/// <param name="HasValue">Whether <paramref name="Value"/> is part of the reference (false: the property alone).</param>
public sealed record OptionReference(Type OptionsType, string Property, object? Value, bool HasValue)
{
    /// <summary>The property <paramref name="property"/> of <typeparamref name="T"/> with the value <paramref name="value"/>.</summary>
    public static OptionReference Of<T>(string property, object? value) => new(typeof(T), property, value, HasValue: true);

    /// <summary>The property <paramref name="property"/> of <typeparamref name="T"/>, without a value.</summary>
    public static OptionReference Of<T>(string property) => new(typeof(T), property, null, HasValue: false);

    /// <summary>The C# form: <c>Type.Property</c>, with <c> = value</c> when there is one.</summary>
    public override string ToString() =>
        HasValue ? string.Create(CultureInfo.InvariantCulture, $"{OptionsType.Name}.{Property} = {Value ?? "null"}") : $"{OptionsType.Name}.{Property}";
}
