using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using Rebel.Preference;
using Rebel.Runs.Json;

namespace Rebel.Runs;

/// <summary>
/// Writes a run's metrics as a TensorBoard event file (and so to what reads them: TensorBoard, W&amp;B's
/// <c>sync_tensorboard</c>): every column of <c>metrics.jsonl</c> as a scalar of the same name at step = iteration.
/// The file is TFRecord framing — length, masked CRC-32C of the length, the record, masked CRC-32C of the record —
/// around <c>tensorflow.Event</c> protocol buffers (wall time, step, and a <c>Summary</c> of simple values), written
/// here by hand (a few fields of a stable format). A non-finite value is left out of its step. The file is flushed
/// at least every second, so a live TensorBoard follows the run.
/// </summary>
public sealed class TensorBoardLog : IDisposable
{
    /// <summary>The start of every event file's name, which TensorBoard looks for.</summary>
    public const string FilePrefix = "events.out.tfevents.";

    private readonly FileStream _file;
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private readonly MemoryStream _event = new();
    private readonly MemoryStream _summary = new();
    private readonly MemoryStream _value = new();

    /// <summary>Starts a new event file in <paramref name="directory"/> (created if needed).</summary>
    /// <exception cref="IOException">The directory or the file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public TensorBoardLog(string directory)
    {
        Directory.CreateDirectory(directory);
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        string name = string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{(long)now}.{Environment.MachineName}.{Environment.ProcessId}");
        Path = System.IO.Path.Combine(directory, name);
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        // The first event names the file's version, as TensorFlow's writer does.
        _event.SetLength(0);
        Fixed64(_event, 1, BitConverter.DoubleToInt64Bits(now));
        Bytes(_event, 3, Encoding.UTF8.GetBytes("brain.Event:2"));
        Record(_event);
        _file.Flush();
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="m"/>'s columns at step <see cref="IterationMetrics.Iteration"/>.</summary>
    public void Write(IterationMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        _summary.SetLength(0);
        Span<byte> single = stackalloc byte[4];
        foreach (var (tag, v) in MetricsJson.Columns(m))
        {
            if (!double.IsFinite(v))
                continue;
            _value.SetLength(0);
            Bytes(_value, 1, Encoding.UTF8.GetBytes(tag));
            Key(_value, 2, 5);
            BinaryPrimitives.WriteSingleLittleEndian(single, (float)v);
            _value.Write(single);
            Bytes(_summary, 1, _value.ToArray());
        }
        _event.SetLength(0);
        Fixed64(_event, 1, BitConverter.DoubleToInt64Bits(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0));
        Key(_event, 2, 0);
        Varint(_event, (ulong)m.Iteration);
        Bytes(_event, 5, _summary.ToArray());
        Record(_event);
        if (_sinceFlush.ElapsedMilliseconds >= 1000)
        {
            _file.Flush();
            _sinceFlush.Restart();
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _file.Dispose();
        _event.Dispose();
        _summary.Dispose();
        _value.Dispose();
    }

    /// <summary>One TFRecord: the length and the data, each followed by its masked CRC-32C.</summary>
    private void Record(MemoryStream data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        _file.Write(header);
        var bytes = data.GetBuffer().AsSpan(0, (int)data.Length);
        _file.Write(bytes);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(bytes));
        _file.Write(footer);
    }

    /// <summary>CRC-32C (Castagnoli), rotated right by 15 and offset, as TFRecord masks it.</summary>
    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
            crc = BitOperations.Crc32C(crc, b);
        crc ^= 0xFFFFFFFF;
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8;
    }

    private static void Key(Stream s, int field, int wireType) => Varint(s, (ulong)((field << 3) | wireType));

    private static void Varint(Stream s, ulong v)
    {
        for (; v >= 0x80; v >>= 7)
            s.WriteByte((byte)(v | 0x80));
        s.WriteByte((byte)v);
    }

    private static void Fixed64(Stream s, int field, long bits)
    {
        Key(s, field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, bits);
        s.Write(b);
    }

    private static void Bytes(Stream s, int field, byte[] data)
    {
        Key(s, field, 2);
        Varint(s, (ulong)data.Length);
        s.Write(data);
    }
}
