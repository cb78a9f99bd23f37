using System.CommandLine.Parsing;
using System.Globalization;
using Rebel.Cli.Errors;

namespace Rebel.Cli.Arguments;

/// <summary>Parses <c>--seed</c> (and <c>compare --seeds</c>) with a message in the user's terms instead of the parser's type name.</summary>
internal static class SeedArgument
{
    /// <summary>The most runs per algorithm <c>--seeds</c> may ask for.</summary>
    public const int MaxSeeds = 100_000;

    /// <summary>
    /// <c>--seeds</c>: a count N (seeds 0..N−1), an inclusive range <c>a..b</c>, or a list <c>a,b,c</c>; distinct seeds
    /// in the order given.
    /// </summary>
    /// <exception cref="UsageException">Not one of the three forms, a seed out of range, a repeated seed, or too many.</exception>
    public static ulong[] List(string text)
    {
        string Bad(string why) => $"--seeds {text}: {why} (give a count N for seeds 0..N−1, a range a..b, or a list a,b,c)";
        ulong One(string s) => ulong.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)
            ? v : throw new UsageException(Bad($"'{s}' is not a seed (an integer from 0 to {ulong.MaxValue})"));
        ulong[] seeds;
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            ulong a = One(text[..dots]), b = One(text[(dots + 2)..]);
            if (b < a)
                throw new UsageException(Bad("the range ends before it starts"));
            if (b - a >= MaxSeeds)
                throw new UsageException(Bad(string.Create(CultureInfo.InvariantCulture, $"more than {MaxSeeds} seeds")));
            seeds = Enumerable.Range(0, (int)(b - a + 1)).Select(i => a + (ulong)i).ToArray();
        }
        else if (text.Contains(',', StringComparison.Ordinal))
            seeds = text.Split(',').Select(One).ToArray();
        else
        {
            ulong n = One(text);
            if (n < 1 || n > MaxSeeds)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seeds must be from 1 to {MaxSeeds}, not {text}"));
            seeds = Enumerable.Range(0, (int)n).Select(i => (ulong)i).ToArray();
        }
        if (seeds.Length > MaxSeeds)
            throw new UsageException(Bad(string.Create(CultureInfo.InvariantCulture, $"more than {MaxSeeds} seeds")));
        if (seeds.Distinct().Count() != seeds.Length)
            throw new UsageException(Bad("a seed is repeated"));
        return seeds;
    }

    public static ulong Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
            return seed;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"--seed: '{text}' is not a seed: expected an integer from 0 to {ulong.MaxValue}"));
        return 0;
    }
}
