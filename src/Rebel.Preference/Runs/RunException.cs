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
}
