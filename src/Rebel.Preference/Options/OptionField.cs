using System.Globalization;
using System.Reflection;

namespace Rebel.Preference.Options;

/// <summary>
/// One property of an options record marked with <see cref="OptionAttribute"/>: its flag name, description,
/// type and default, with parsing from and formatting to the text a user types (invariant culture; enums in
/// kebab-case; any <see cref="IParsable{TSelf}"/>).
/// </summary>
public sealed class OptionField
{
    internal OptionField(OptionAttribute attribute, PropertyInfo property, object? defaultValue)
    {
        Name = attribute.Name;
        Description = attribute.Description;
        ValueName = attribute.ValueName;
        Unset = attribute.Unset;
        Property = property;
        Default = defaultValue;
    }

    /// <summary>Flag name without dashes, e.g. <c>eta</c>.</summary>
    public string Name { get; }

    /// <summary>One-line description.</summary>
    public string Description { get; }

    /// <summary>The value's placeholder in help, or null to derive it from the type.</summary>
    public string? ValueName { get; }

    /// <summary>The options-record property it sets.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The property's type.</summary>
    public Type Type => Property.PropertyType;

    /// <summary>Whether this is a switch (a <see cref="bool"/> that needs no value).</summary>
    public bool IsSwitch => Type == typeof(bool);

    /// <summary>The default value (the property's initial value).</summary>
    public object? Default { get; }

    /// <summary>The default as a user would type it, else what a null default resolves to (<see cref="OptionAttribute.Unset"/>), else null.</summary>
    public string? DefaultText => Format(Default) ?? Unset;

    /// <summary>What a null default resolves to, as help shows it; null when not said.</summary>
    public string? Unset { get; }

    /// <summary>The values an enum option accepts, in kebab-case; empty for other types.</summary>
    public IReadOnlyList<string> Choices => OptionText.Choices(Type);

    /// <summary>What a valid value is, for messages (e.g. <c>a number</c>).</summary>
    public string Expected => OptionText.Expected(Type);

    /// <summary>Whether <paramref name="text"/> is a valid value (see <see cref="Parse"/>).</summary>
    public bool Accepts(string text) => OptionText.Parse(Type, text) is not null;

    /// <summary>Parses a value typed by the user.</summary>
    /// <exception cref="OptionFormatException">The text is not a valid value; the message names the option.</exception>
    public object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return OptionText.Parse(Type, text)
            ?? throw new OptionFormatException(this, OptionText.ParseFailure(Type, text)
                ?? string.Create(CultureInfo.InvariantCulture, $"'{text}' is not {OptionText.Expected(Type)}"));
    }

    /// <summary>Formats a value as a user would type it; null stays null.</summary>
    public static string? Format(object? value) => OptionText.Format(value);

    /// <summary>The current value of this field in <paramref name="record"/>.</summary>
    public object? GetValue(object record) => Property.GetValue(record);
}
