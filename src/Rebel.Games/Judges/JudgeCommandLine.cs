using System.Text;

namespace Rebel.Games.Judges;

/// <summary>
/// Splits a judge's <c>cmd</c> into the program and its arguments, which Rebel starts directly, without a shell
/// (docs/judge-protocol.md): whitespace separates arguments; <c>'…'</c> quotes literally; <c>"…"</c> quotes with
/// <c>\"</c> and <c>\\</c> as escapes; outside quotes <c>\</c> escapes the next character. Nothing else is special:
/// <c>$</c>, <c>;</c>, <c>|</c>, <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, backquotes, <c>*</c> and <c>~</c> are
/// ordinary characters, so a command never runs a second command or expands anything.
/// </summary>
public static class JudgeCommandLine
{
    /// <summary>The arguments of <paramref name="command"/>, the program first.</summary>
    /// <exception cref="FormatException">An unclosed quote, a trailing backslash, or no program at all.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var arguments = new List<string>();
        var current = new StringBuilder();
        bool inArgument = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (char.IsWhiteSpace(c))
            {
                if (inArgument)
                    arguments.Add(current.ToString());
                current.Clear();
                inArgument = false;
                continue;
            }
            inArgument = true;
            switch (c)
            {
                case '\'':
                    int close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                        throw new FormatException($"the single quote at character {i + 1} is not closed");
                    current.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    int start = i;
                    for (i++; i < command.Length && command[i] != '"'; i++)
                        current.Append(command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' ? command[++i] : command[i]);
                    if (i >= command.Length)
                        throw new FormatException($"the double quote at character {start + 1} is not closed");
                    break;
                case '\\':
                    if (i + 1 >= command.Length)
                        throw new FormatException("the command ends with a backslash that escapes nothing");
                    current.Append(command[++i]);
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        if (inArgument)
            arguments.Add(current.ToString());
        if (arguments.Count == 0 || arguments[0].Length == 0)
            throw new FormatException("it names no program");
        return arguments;
    }
}
