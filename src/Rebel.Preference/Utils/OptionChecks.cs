using System.Globalization;

namespace Rebel.Preference.Utils;

/// <summary>The range checks of options records, each failing with an <see cref="OptionException"/> on <typeparamref name="T"/>'s property.</summary>
internal static class OptionChecks<T>
{
    public static void PositiveFinite(string property, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw OptionException.Of<T>(property, value, "must be a positive finite number");
    }

    /// <summary>Null (the default) passes; a value must be positive and finite.</summary>
    public static void PositiveFinite(string property, double? value)
    {
        if (value is { } v)
            PositiveFinite(property, v);
    }

    public static void NonNegativeFinite(string property, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw OptionException.Of<T>(property, value, "must be a non-negative finite number");
    }

    public static void UnitInterval(string property, double value)
    {
        if (!(value is >= 0 and <= 1))
            throw OptionException.Of<T>(property, value, "must lie in [0, 1]");
    }

    public static void AtLeast(string property, int value, int minimum)
    {
        if (value < minimum)
            throw OptionException.Of<T>(property, value, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}"));
    }
}
