namespace Rebel.Preference.Options;

/// <summary>
/// An option type whose values are a set known only at run time, such as an open key (<see cref="PolicyKind"/>,
/// whose set grows as classes register): help and error messages list <see cref="Choices"/> as they do an enum's names.
/// </summary>
public interface IOptionChoices
{
    /// <summary>Every value the option takes now, as typed.</summary>
    static abstract IReadOnlyList<string> Choices { get; }
}
