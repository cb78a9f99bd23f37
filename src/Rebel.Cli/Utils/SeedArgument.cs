using System.CommandLine.Parsing;
using System.Globalization;

namespace Rebel.Cli.Utils;

/// <summary>Parses <c>--seed</c> with a message in the user's terms instead of the parser's type name.</summary>
internal static class SeedArgument
{
    public static ulong Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
            return seed;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"--seed: '{text}' is not a seed: expected an integer from 0 to {ulong.MaxValue}"));
        return 0;
    }
}
