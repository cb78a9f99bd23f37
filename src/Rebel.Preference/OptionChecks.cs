using System.Globalization;

namespace Rebel.Preference;

/// <summary>
/// The range checks of options records, each failing with an <see cref="OptionException"/> on
/// <typeparamref name="T"/>'s property: this library's records and algorithms use them, and so can an options record
/// of another assembly, so that its errors read as the library's.
/// </summary>
/// <typeparam name="T">The options record whose property is checked.</typeparam>
public static class OptionChecks<T>
{
    /// <summary>The value must be positive and finite.</summary>
    /// <exception cref="OptionException">It is not.</exception>
    public static void PositiveFinite(string property, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw OptionException.Of<T>(property, value, "must be a positive finite number");
    }

    /// <summary>Null (the default) passes; a value must be positive and finite.</summary>
    /// <exception cref="OptionException">It is not.</exception>
    public static void PositiveFinite(string property, double? value)
    {
        if (value is { } v)
            PositiveFinite(property, v);
    }

    /// <summary>The value must be non-negative and finite.</summary>
    /// <exception cref="OptionException">It is not.</exception>
    public static void NonNegativeFinite(string property, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw OptionException.Of<T>(property, value, "must be a non-negative finite number");
    }

    /// <summary>The value must lie in [0, 1].</summary>
    /// <exception cref="OptionException">It does not.</exception>
    public static void UnitInterval(string property, double value)
    {
        if (!(value is >= 0 and <= 1))
            throw OptionException.Of<T>(property, value, "must lie in [0, 1]");
    }

    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    /// <exception cref="OptionException">It is not.</exception>
    public static void AtLeast(string property, int value, int minimum)
    {
        if (value < minimum)
            throw OptionException.Of<T>(property, value, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}"));
    }
}
