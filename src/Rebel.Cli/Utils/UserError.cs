using Rebel.Games;
using Rebel.Games.Judges;
using Rebel.Preference.Options;
using Rebel.Preference;
using Rebel.Runs;
using Rebel.Torch;

namespace Rebel.Cli.Utils;

/// <summary>Which exceptions a user can cause, and their one-line form.</summary>
internal static class UserError
{
    /// <summary>
    /// Whether the user can cause <paramref name="e"/>: besides the library's validation errors, a file system that
    /// refuses a write (full disk, permissions) and running out of memory on a size the user chose.
    /// </summary>
    public static bool Is(Exception e) => e is UsageException or GameValidationException or RunException or FormatException or InvalidDataException or TorchException
        or OptionException or IOException or UnauthorizedAccessException or OutOfMemoryException or JudgeConsentException;

    /// <summary>
    /// The message of a user error: an option the library refused is named by its flag; out-of-memory gets a hint,
    /// since its own message names no size.
    /// </summary>
    public static string Message(Exception e) => e switch
    {
        OutOfMemoryException => "out of memory: the game, data or run is too large for this machine (choose smaller sizes)",
        OptionException option => OptionFlags.Message(option),
        JudgeConsentException consent => TrustJudge.Message(consent),
        RunException { Option: { } option } run => run.Place + OptionFlags.Message(option),
        OptionFormatException format => $"--{format.Option.Name}: {format.Problem}",
        RunException { Remedy: not RunRemedy.None } run => run.Render(remedy => remedy == RunRemedy.Resume ? "--resume" : "--force"),
        _ => e.Message,
    };

    /// <summary>
    /// The message on one line: line breaks become spaces, other control characters (from a binary file or a name
    /// echoed back) are written as <c>\uXXXX</c>, and the whole is capped at <see cref="MaxLength"/> characters.
    /// </summary>
    public static string OneLine(string message)
    {
        string joined = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        var sb = new System.Text.StringBuilder(joined.Length);
        for (int i = 0; i < joined.Length; i++)
        {
            char c = joined[i];
            if (char.IsHighSurrogate(c) && i + 1 < joined.Length && char.IsLowSurrogate(joined[i + 1]))
                sb.Append(c).Append(joined[++i]);
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                sb.Append(c);
        }
        if (sb.Length <= MaxLength)
            return sb.ToString();
        // The reason usually comes last, after the value it is about: a long echoed value is cut in its middle.
        int tail = MaxLength / 2;
        return sb.ToString(0, MaxLength - tail) + " … " + sb.ToString(sb.Length - tail, tail);
    }

    /// <summary>The longest message printed: a value echoed from a huge file must not flood the terminal.</summary>
    private const int MaxLength = 1000;
}
