namespace Rebel.Preference.Runs;

/// <summary>A run directory cannot be created, written, or resumed; the one-line message names the directory or file.</summary>
public sealed class RunException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public RunException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public RunException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public RunException() { }

    /// <summary>Creates the exception for an option a run cannot use, at <paramref name="place"/> (e.g. <c>DIR/config.json: rebel: </c>, or empty).</summary>
    public RunException(string place, OptionException option)
        : base(place + option?.Message, option)
    {
        Place = place;
        Option = option;
    }

    /// <summary>Where the rejected option was found (a prefix of the message, possibly empty); null when the cause is not an option.</summary>
    public string? Place { get; }

    /// <summary>The rejected option, for a front end to name in its own terms (<see cref="OptionException.Render"/>); null when the cause is not an option.</summary>
    public OptionException? Option { get; }
}
