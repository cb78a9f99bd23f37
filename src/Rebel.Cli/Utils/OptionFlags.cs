using Rebel.Preference.Options;
using Rebel.Preference;

namespace Rebel.Cli.Utils;

/// <summary>
/// Names the library's options by their flags: a property of an options record becomes <c>--flag value</c> through its
/// <see cref="OptionAttribute"/> (the same metadata the flags are generated from), so no message is rewritten as text.
/// </summary>
internal static class OptionFlags
{
    /// <summary><paramref name="option"/> as the user typed it: <c>--eta 0.5</c>, or <c>--eta</c> without a value.</summary>
    public static string Name(OptionReference option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var field = OptionFields.Of(option.OptionsType).FirstOrDefault(f => f.Property.Name == option.Property);
        if (field is null)
            return option.ToString();
        return option.HasValue ? $"--{field.Name} {OptionField.Format(option.Value) ?? "(none)"}" : "--" + field.Name;
    }

    /// <summary>The one-line message of <paramref name="e"/> with every option named by its flag.</summary>
    public static string Message(OptionException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Render(Name);
    }
}
