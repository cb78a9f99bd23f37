namespace Rebel.Preference;

/// <summary>
/// Marks a property of an options record as a command-line option: its flag name and one-line description.
/// The property's initial value is the default; the CLI builds its flags and help from these, so a new option
/// appears in <c>--help</c> without touching the CLI.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class OptionAttribute : Attribute
{
    /// <summary>Marks an option.</summary>
    /// <param name="name">Flag name without dashes, e.g. <c>eta</c> for <c>--eta</c>.</param>
    /// <param name="description">One line for <c>--help</c>.</param>
    public OptionAttribute(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Flag name without dashes.</summary>
    public string Name { get; }

    /// <summary>One-line description.</summary>
    public string Description { get; }

    /// <summary>The placeholder of the value in help, e.g. <c>file</c> or <c>K|all</c>; null to derive it from the type.</summary>
    public string? ValueName { get; init; }

    /// <summary>What an option whose default is null resolves to, as help shows it (e.g. <c>tuned</c>); null: nothing to show.</summary>
    public string? Unset { get; init; }
}
