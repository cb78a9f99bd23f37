using Rebel.Games;
using Rebel.Preference.Runs;
using Rebel.Torch;

namespace Rebel.Cli.Utils;

/// <summary>Which exceptions a user can cause, and their one-line form.</summary>
internal static class UserError
{
    /// <summary>
    /// Whether the user can cause <paramref name="e"/>: besides the library's validation errors, a file system that
    /// refuses a write (full disk, permissions) and running out of memory on a size the user chose.
    /// </summary>
    public static bool Is(Exception e) => e is UsageException or GameValidationException or RunException or FormatException or TorchException
        or IOException or UnauthorizedAccessException or OutOfMemoryException;

    /// <summary>The message of a user error; out-of-memory gets a hint, since its own message names no size.</summary>
    public static string Message(Exception e) => e is OutOfMemoryException
        ? "out of memory: the game, data or run is too large for this machine (choose smaller sizes)"
        : e.Message;

    public static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
