using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Rebel.Games;

/// <summary>
/// A one-context game stored as NumPy's <c>.npy</c> file of its n×n preference matrix (<c>np.save("p.npy", P)</c>,
/// <c>P[i, j] = P(y_i ≻ y_j)</c>): float64 or float32, little-endian, C or Fortran order, format versions 1–3. The
/// values are read straight into the game's column-major storage, at disk speed and without the several-fold memory
/// of parsing JSON; responses are named <c>y0 … y(n−1)</c>, the context <c>x0</c>. Validated like a game file; a float32
/// file's lower triangle is taken as 1 minus the upper (see <see cref="SingleTolerance"/>).
/// </summary>
public static partial class NpyFile
{
    /// <summary>How far from 1 a float32 file's <c>P[i, j] + P[j, i]</c> may be: a few float32 roundings (2⁻²³ each).</summary>
    public const double SingleTolerance = 1e-6;

    /// <summary>The six bytes every <c>.npy</c> file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Whether <paramref name="path"/> starts with the <c>.npy</c> magic (false when it cannot be read).</summary>
    public static bool IsNpy(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[6];
            return stream.ReadAtLeast(head, 6, throwOnEndOfStream: false) == 6 && head.SequenceEqual(Magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads and validates the game of <paramref name="path"/>.</summary>
    /// <exception cref="GameValidationException">The file is unreadable, not a square float matrix, too large, or not a preference; the message starts with the path.</exception>
    public static TabularGame Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            var (single, fortran, n) = Header(stream);
            long bytes = (long)n * n * (single ? sizeof(float) : sizeof(double));
            // The stored matrix is n² doubles whatever the file holds; refuse before taking that memory.
            long limit = Zoo.GameSpec.GameBytesLimit;
            if ((long)n * n * sizeof(double) > limit || (long)n * n > Array.MaxLength)
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"a {n}×{n} matrix needs {(long)n * n * sizeof(double) >> 20} MiB, more than the limit of {limit >> 20} MiB ({Zoo.GameSpec.LimitReason})"));
            if (stream.Length - stream.Position != bytes)
                throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"the header promises {bytes} bytes of data, the file has {stream.Length - stream.Position}"));
            var values = new double[(long)n * n];
            ReadValues(stream, values, single);
            // Rebel stores column-major: Fortran order is that already; C order is the transpose, taken in place.
            if (!fortran)
                TransposeInPlace(values, n);
            if (single)
                SkewFromUpper(values, n);
            var matrix = new DenseMatrix(n, n, values);
            var responses = Enumerable.Range(0, n).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var name = Path.GetFileNameWithoutExtension(path);
            return new TabularGame(name.Length > 0 ? name : "npy", [GameContext.Adopt("x0", 1, responses, matrix)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GameValidationException($"{path}: cannot read .npy file: {e.Message.Split('\n')[0]}", e);
        }
        catch (GameValidationException e)
        {
            throw new GameValidationException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes the preference matrix of a one-context game as a float64 Fortran-order <c>.npy</c> file, atomically.</summary>
    /// <exception cref="ArgumentException">The game has more than one context, or no stored matrix.</exception>
    public static void Write(string path, TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(game);
        if (game.Contexts.Count != 1 || game.Contexts[0].Kernel is not null)
            throw new ArgumentException("a .npy file holds the stored matrix of one context", nameof(game));
        var context = game.Contexts[0];
        int n = context.Count;
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f8', 'fortran_order': True, 'shape': ({n}, {n}), }}");
        // Version 1: magic, 1, 0, a little-endian u16 header length; data aligned to 64 bytes, header ending in '\n'.
        int headerLength = (10 + dict.Length + 1 + 63) / 64 * 64 - 10;
        var header = new byte[10 + headerLength];
        Magic.CopyTo(header);
        header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), checked((ushort)headerLength));
        Encoding.ASCII.GetBytes(dict.PadRight(headerLength - 1) + "\n").CopyTo(header, 10);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(context.PreferenceValues.AsSpan()));
        });
    }

    private static (bool Single, bool Fortran, int N) Header(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(Magic))
            throw new GameValidationException("not a .npy file (no \\x93NUMPY magic)");
        int major = prefix[6];
        if (major is < 1 or > 3)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $".npy format version {major} is not supported (1 to 3 are)"));
        int lengthBytes = major == 1 ? 2 : 4;
        if (stream.ReadAtLeast(prefix.Slice(8, lengthBytes), lengthBytes, throwOnEndOfStream: false) < lengthBytes)
            throw new GameValidationException("the .npy header is cut short");
        long length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (length > 1 << 16)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"the .npy header claims {length} bytes (at most 65536 are read)"));
        var text = new byte[length];
        if (stream.ReadAtLeast(text, text.Length, throwOnEndOfStream: false) < text.Length)
            throw new GameValidationException("the .npy header is cut short");
        string dict = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(text);
        var descr = DescrPattern().Match(dict);
        var order = OrderPattern().Match(dict);
        var shape = ShapePattern().Match(dict);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new GameValidationException($"the .npy header is not a dictionary with 'descr', 'fortran_order' and 'shape': {dict.Trim()}");
        bool single = descr.Groups[1].Value switch
        {
            "<f8" => false,
            "<f4" => true,
            var other => throw new GameValidationException($"dtype '{other}' is not supported (little-endian float64 '<f8' or float32 '<f4')"),
        };
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (dims.Length != 2 || !int.TryParse(dims[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
            || !int.TryParse(dims[1], NumberStyles.None, CultureInfo.InvariantCulture, out int columns) || rows != columns || rows < 1)
            throw new GameValidationException($"shape ({shape.Groups[1].Value}) is not a square n×n matrix with n ≥ 1");
        return (single, order.Groups[1].Value == "True", rows);
    }

    /// <summary>
    /// float32 entries keep <c>P + Pᵀ = 1</c> only to float32 rounding: checked to <see cref="SingleTolerance"/>, then
    /// the lower triangle is set to <c>1 − Pᵀ</c> of the upper in float64, so the game is exactly a preference.
    /// </summary>
    private static void SkewFromUpper(double[] values, int n)
    {
        for (long i = 0; i < n; i++)
            for (long j = i + 1; j < n; j++)
            {
                // Column-major: P[i, j] is values[j n + i].
                double upper = values[j * n + i], lower = values[i * n + j];
                if (Math.Abs(upper + lower - 1) > SingleTolerance)
                    throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                        $"P[{i}, {j}] + P[{j}, {i}] = {upper + lower:R}, it must be 1 (within {SingleTolerance:R} for float32)"));
                values[i * n + j] = 1 - upper;
            }
    }

    private static void TransposeInPlace(double[] values, int n)
    {
        for (long i = 0; i < n; i++)
            for (long j = i + 1; j < n; j++)
                (values[i * n + j], values[j * n + i]) = (values[j * n + i], values[i * n + j]);
    }

    private static void ReadValues(Stream stream, double[] values, bool single)
    {
        if (!single)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            if (!BitConverter.IsLittleEndian)
                throw new GameValidationException(".npy files are read on little-endian machines only");
            return;
        }
        var chunk = new float[1 << 16];
        for (long at = 0; at < values.LongLength; at += chunk.Length)
        {
            int count = (int)Math.Min(chunk.Length, values.LongLength - at);
            stream.ReadExactly(MemoryMarshal.AsBytes(chunk.AsSpan(0, count)));
            for (int i = 0; i < count; i++)
                values[at + i] = chunk[i];
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
