using Rebel.Games;
using Rebel.Preference.Runs;
using Rebel.Torch;

namespace Rebel.Cli.Utils;

/// <summary>Which exceptions a user can cause, and their one-line form.</summary>
internal static class UserError
{
    public static bool Is(Exception e) => e is UsageException or GameValidationException or RunException or FormatException or TorchException;

    public static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
