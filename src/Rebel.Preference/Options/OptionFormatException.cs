namespace Rebel.Preference.Options;

/// <summary>
/// A value typed for an option (a flag, a key of a run's config, a sweep grid) does not parse. The message names the
/// option as the text it was typed under does (<c>eta: 'x' is not a number</c>); the CLI prefixes its flag's dashes
/// through <see cref="Option"/>.
/// </summary>
public sealed class OptionFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="option"/>.</summary>
    public OptionFormatException(OptionField option, string problem)
        : base($"{option?.Name}: {problem}")
    {
        Option = option ?? throw new ArgumentNullException(nameof(option));
        Problem = problem;
    }

    /// <summary>The option whose value did not parse.</summary>
    public OptionField Option { get; }

    /// <summary>What is wrong with the value.</summary>
    public string Problem { get; }
}
