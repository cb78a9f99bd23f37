namespace Rebel.Games;

/// <summary>
/// A game, game file or game spec is invalid. The message is one line that names the place
/// (file, context, entry) and what is wrong with it.
/// </summary>
public sealed class GameValidationException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public GameValidationException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public GameValidationException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public GameValidationException() { }
}
