using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Commands;

/// <summary>
/// <c>--tensorboard DIR</c> writes, for every run, an event file that TensorBoard reads: read back here by a decoder
/// written from the formats alone (TFRecord framing with masked CRC-32C, protobuf <c>Event</c>/<c>Summary</c>), it holds
/// the file-version event, then one event per metrics line at step = iteration with every non-null column of that line
/// as a scalar of the same name and value (as float).
/// </summary>
public class TensorBoardTests
{
    [Fact]
    public void Selfplay_compare_and_sweep_write_every_metrics_column_as_a_scalar_per_iteration()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "rps", "--algo", "rebel", "-T", "25", "--out", "run", "--tensorboard", "tb").ExitCode);
        AssertMatches(dir["run/metrics.jsonl"], dir["tb/run"]);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "compare", "--pref-model", "rps", "--algos", "omwu,mirror-descent", "--seeds", "2", "-T", "15", "--out", "cmp", "--tensorboard", "tb2").ExitCode);
        foreach (string run in new[] { "omwu-s0", "omwu-s1", "mirror-descent-s0", "mirror-descent-s1" })
            AssertMatches(dir[$"cmp/{run}/metrics.jsonl"], dir[$"tb2/{run}"]);
        Assert.Equal(0, RebelProcess.Run(dir.Path, "sweep", "--pref-model", "rps", "--algos", "omwu", "--grid", "eta=0.1,0.2", "--seeds", "1", "-T", "12", "--out", "sw", "--tensorboard", "tb3").ExitCode);
        foreach (string run in new[] { "rps-omwu-eta=0.1-s0", "rps-omwu-eta=0.2-s0" })
            AssertMatches(dir[$"sw/{run}/metrics.jsonl"], dir[$"tb3/{run}"]);
    }

    [Fact]
    public void An_unwritable_directory_is_refused_before_the_run()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["file"], "");
        var r = RebelProcess.Run(dir.Path, "selfplay", "--pref-model", "rps", "-T", "5", "--out", "run", "--tensorboard", "file/tb");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("rebel: --tensorboard file/tb: cannot write: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["run"]));
    }

    private static void AssertMatches(string metrics, string logDir)
    {
        var events = Decode(Assert.Single(Directory.GetFiles(logDir, "events.out.tfevents.*")));
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var lines = File.ReadAllLines(metrics);
        Assert.Equal(lines.Length, events.Count - 1);
        foreach (var (line, e) in lines.Zip(events.Skip(1)))
        {
            using var doc = JsonDocument.Parse(line);
            var expected = doc.RootElement.EnumerateObject()
                .Where(p => p.Name is not ("iteration" or "seconds") && p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => (p.Name, (float)p.Value.GetDouble())).ToArray();
            Assert.Equal(doc.RootElement.GetProperty("iteration").GetInt64(), e.Step);
            Assert.Equal(expected, e.Values);
            Assert.True(e.WallTime > 1.7e9, $"wall time {e.WallTime}");
        }
    }

    private sealed record Event(double WallTime, long Step, string? FileVersion, List<(string Tag, float Value)> Values);

    /// <summary>TFRecords: u64 length, u32 masked CRC-32C of the length, the data, u32 masked CRC-32C of the data.</summary>
    private static List<Event> Decode(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var events = new List<Event>();
        for (int at = 0; at < file.Length;)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            Assert.Equal(Masked(file.AsSpan(at, 8)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)));
            var data = file.AsSpan(at + 12, (int)length);
            Assert.Equal(Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length)));
            events.Add(ParseEvent(data.ToArray()));
            at += 16 + (int)length;
        }
        return events;
    }

    /// <summary>Event: 1 wall_time (double), 2 step (int64), 3 file_version (string), 5 summary (Summary: 1 value (Value: 1 tag, 2 simple_value float)).</summary>
    private static Event ParseEvent(byte[] data)
    {
        var e = new Event(0, 0, null, []);
        foreach (var (field, wire, value, bytes) in Fields(data))
        {
            switch (field)
            {
                case 1: Assert.Equal(1, wire); e = e with { WallTime = BitConverter.Int64BitsToDouble((long)value) }; break;
                case 2: Assert.Equal(0, wire); e = e with { Step = (long)value }; break;
                case 3: e = e with { FileVersion = Encoding.UTF8.GetString(bytes!) }; break;
                case 5:
                    foreach (var (f, _, _, v) in Fields(bytes!))
                    {
                        Assert.Equal(1, f);
                        string? tag = null;
                        float? simple = null;
                        foreach (var (vf, vw, vv, vb) in Fields(v!))
                        {
                            if (vf == 1) tag = Encoding.UTF8.GetString(vb!);
                            if (vf == 2) { Assert.Equal(5, vw); simple = BitConverter.Int32BitsToSingle((int)vv); }
                        }
                        e.Values.Add((tag!, simple!.Value));
                    }
                    break;
                default: Assert.Fail($"unexpected Event field {field}"); break;
            }
        }
        return e;
    }

    /// <summary>Protobuf fields: (number, wire type, varint or fixed value, length-delimited bytes).</summary>
    private static IEnumerable<(int Field, int Wire, ulong Value, byte[]? Bytes)> Fields(byte[] data)
    {
        for (int at = 0; at < data.Length;)
        {
            ulong key = Varint(data, ref at);
            int wire = (int)(key & 7), field = (int)(key >> 3);
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(data, ref at), null); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at)), null); at += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)), null); at += 4; break;
                case 2:
                    int n = (int)Varint(data, ref at);
                    yield return (field, wire, 0, data[at..(at + n)]);
                    at += n;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return v;
        }
    }

    /// <summary>CRC-32C bit by bit (reflected polynomial 0x82F63B78), masked: rotate right 15, add 0xa282ead8.</summary>
    private static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8);
    }
}
