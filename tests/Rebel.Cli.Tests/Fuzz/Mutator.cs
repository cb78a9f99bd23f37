using System.Text;

namespace Rebel.Cli.Tests.Fuzz;

/// <summary>
/// Seeded byte-level mutations of a valid input: flipped and deleted bytes, cut files, repeated spans, and the
/// tokens that broke readers before (lone surrogate escapes, NaN, huge and negative numbers, invalid UTF-8,
/// duplicate keys, deep nesting). The same seed gives the same mutants, so a failure replays.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "\"\\ud800\"", "\"\\udc00x\"", "NaN", "\"NaN\"", "\"Infinity\"", "-1", "0", "1", "1e999", "-1e999", "1e-400",
        "18446744073709551616", "2147483648", "-2147483649", "null", "true", "{}", "[]", "[[]]", "\"\"", ",",
        "\"format\":\"x\",", "\"iteration\":-3,", "\"weight\":0,", "\"a\":\"a\",", new string('[', 300),
        "\u0000", "\n", "\"é\"", "9999999999999999999999", "\"\\ud800\":1,", "\"x\":1,",
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        int edits = 1 + _random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(16)));
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3 when bytes.Count > 0:
                    int length = Math.Min(bytes.Count - at, 1 + _random.Next(64));
                    bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.Insert(at, (byte)_random.Next(256));
                    break;
                case 5:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                    break;
                default:
                    ReplaceNumber(bytes);
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Replaces a number literal by a token, where values (not syntax) are what a reader must check.</summary>
    private void ReplaceNumber(List<byte> bytes)
    {
        var starts = Enumerable.Range(0, bytes.Count).Where(i => bytes[i] is (byte)'-' or >= (byte)'0' and <= (byte)'9' && (i == 0 || bytes[i - 1] is (byte)':' or (byte)'[' or (byte)',')).ToArray();
        if (starts.Length == 0)
            return;
        int start = starts[_random.Next(starts.Length)];
        int end = start;
        while (end < bytes.Count && bytes[end] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E' or >= (byte)'0' and <= (byte)'9')
            end++;
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(Tokens[_random.Next(13)]));
    }
}
