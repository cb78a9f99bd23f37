using System.Globalization;
using System.Reflection;
using System.Text;

namespace Rebel.Preference.Options;

/// <summary>
/// Text conversion of option values: the invariant culture for numbers, kebab-case for enum members
/// (<c>BestWorst</c> ↔ <c>best-worst</c>), and the static <c>IParsable</c> members for everything else.
/// </summary>
internal static class OptionText
{
    /// <summary>The parsed value, or null when the text is invalid (nullable types are never "unset" by text).</summary>
    public static object? Parse(Type type, string text)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        text = text.Trim();
        if (t == typeof(string))
            return text;
        if (t == typeof(bool))
            return bool.TryParse(text, out bool b) ? b : null;
        if (t == typeof(double))
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null;
        if (t == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null;
        if (t.IsEnum)
            // By name: Enum.GetValues(Type) makes an array of the enum type at run time, which the native build cannot.
            return Enum.GetNames(t).Where(name => Kebab(name) == text.ToLowerInvariant()).Select(name => Enum.Parse(t, name)).FirstOrDefault();
        var tryParse = TryParseMethod(t)
            ?? throw new NotSupportedException($"option type {t.Name} is neither a number, string, bool, enum nor IParsable");
        object?[] args = [text, CultureInfo.InvariantCulture, null];
        return (bool)tryParse.Invoke(null, args)! ? args[2] : null;
    }

    public static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        Enum e => Kebab(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static IReadOnlyList<string> Choices(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(IOptionChoices).IsAssignableFrom(t))
            return (IReadOnlyList<string>)Discovery.StaticValue(t, typeof(IOptionChoices), nameof(IOptionChoices.Choices))!;
        return t.IsEnum ? Enum.GetNames(t).Select(Kebab).ToArray() : [];
    }

    public static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(double))
            return "a finite number";
        if (t == typeof(int))
            return "an integer";
        if (t == typeof(bool))
            return "true or false";
        if (t.IsEnum)
            return "one of " + string.Join(", ", Choices(t));
        return "a valid " + Kebab(t.Name).Replace('-', ' ');
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a value of an <c>IParsable</c> <paramref name="type"/>, in the type's own words
    /// (the message of its <c>Parse</c>), or null for other types: such a type knows best what it expects.
    /// </summary>
    public static string? ParseFailure(Type type, string text)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsPrimitive || t.IsEnum || t == typeof(string))
            return null;
        try
        {
            t.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider)])?.Invoke(null, [text.Trim(), CultureInfo.InvariantCulture]);
        }
        catch (TargetInvocationException e) when (e.InnerException is FormatException f)
        {
            return f.Message;
        }
        return null;
    }

    /// <summary>Kebab-case of a member name: <c>BestWorst</c> → <c>best-worst</c>, with <c>LogLinear</c> and <c>AdamW</c> kept as one word.</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !IsJoined(name, i))
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    // Compound words that the flags spell as one word (the issue writes --policy loglinear, --fit adamw).
    private static bool IsJoined(string name, int i) =>
        name.AsSpan(0, i).EndsWith("Log", StringComparison.Ordinal) && name.AsSpan(i).StartsWith("Linear", StringComparison.Ordinal)
        || name.AsSpan(0, i).EndsWith("Adam", StringComparison.Ordinal) && name.AsSpan(i).StartsWith("W", StringComparison.Ordinal);

    private static MethodInfo? TryParseMethod(Type t)
    {
        var iface = t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>));
        if (iface is null)
            return null;
        // Public implementations are found by signature; explicit ones only through the interface map.
        var method = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), t.MakeByRefType()]);
        if (method is not null)
            return method;
        var map = t.GetInterfaceMap(iface);
        int index = Array.FindIndex(map.InterfaceMethods, m => m.Name == "TryParse");
        return index < 0 ? null : map.TargetMethods[index];
    }
}
