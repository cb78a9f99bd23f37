using System.Globalization;
using System.Text;

namespace Rebel.Games;

/// <summary>
/// Reads user-supplied files with a size cap, so that a huge file (or <c>/dev/zero</c>, whose length reads as 0)
/// is refused with a message instead of exhausting memory, and decodes UTF-8 strictly, so that invalid bytes are an
/// error instead of silently becoming U+FFFD.
/// </summary>
public static class BoundedFile
{
    /// <summary>The largest game, checkpoint or config file read: 1 GiB (or less on a machine with less memory, see <see cref="LimitFor"/>).</summary>
    public const long MaxBytes = 1L << 30;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// <paramref name="limit"/>, lowered to an eighth of the memory this process may use: parsing JSON takes several
    /// times the file's size, so a file that fits under the stated limit can still not fit in a small machine.
    /// </summary>
    public static long LimitFor(long limit) => Math.Min(limit, Math.Max(1L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8));

    /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is longer than the limit (the message states both).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static byte[] ReadAllBytes(string path, long limit)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        // Devices and pipes report length 0, so the cap is enforced on what is read, not on the reported length.
        if (stream.CanSeek && stream.Length > limit)
            throw TooLarge(stream.Length, limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > limit)
                throw TooLarge(buffer.Length + n, limit);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes UTF-8 (a leading byte-order mark is skipped).</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid UTF-8; the message gives the byte offset.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid UTF-8 (at byte {e.Index})"), e);
        }
    }

    /// <summary>
    /// Checks that <paramref name="bytes"/> are valid UTF-8. JSON readers leave string contents undecoded until they
    /// are read, so invalid bytes in a name would otherwise surface late, or as U+FFFD.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not valid UTF-8; the message gives the byte offset.</exception>
    public static void EnsureUtf8(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            DecodeUtf8(bytes);
    }

    /// <summary>
    /// The lines of a JSON Lines text: split at '\n' only (a '\r' before it is dropped), since JSON strings may hold
    /// U+2028, U+2029, U+0085 and form feeds, which <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/> would break at.
    /// </summary>
    public static IEnumerable<string> JsonLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string line in text.Split('\n'))
            yield return line.EndsWith('\r') ? line[..^1] : line;
    }

    private static InvalidDataException TooLarge(long size, long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"larger than the limit of {limit} bytes (read {size})"));
}
