using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rebel.Torch.Models;

/// <summary>One tensor of a safetensors header: its dtype, shape and byte range within the data section.</summary>
internal sealed record SafetensorsEntry(string Name, DType DType, long[] Shape, long Begin, long End);

/// <summary>
/// The safetensors format (https://github.com/huggingface/safetensors), written and read here without a dependency:
/// an 8-byte little-endian header length N, N bytes of a JSON object mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets into the data section that follows) plus an optional
/// <c>"__metadata__"</c> map of strings, then the raw little-endian elements, tensors back to back in header order.
/// The header is padded with spaces to a multiple of 8 bytes, as the reference writer does, so the data is aligned.
/// </summary>
internal static class Safetensors
{
    /// <summary>The reference implementation's cap on the header, which also bounds what a hostile file makes us allocate.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    // Quotes inside metadata strings (a JSON config) stay \" instead of \u0022, so the header reads as text.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (DType DType, string Code)[] Codes =
        [(DType.Float32, "F32"), (DType.Float64, "F64"), (DType.BFloat16, "BF16"), (DType.Int64, "I64"), (DType.UInt8, "U8"), (DType.Bool, "BOOL")];

    /// <summary>Writes <paramref name="tensors"/> (from any device) and <paramref name="metadata"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        RequireLittleEndian();
        var header = new JsonObject();
        if (metadata.Count > 0)
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata) meta[key] = value;
            header[MetadataKey] = meta;
        }
        var data = new byte[tensors.Count][];
        long offset = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            var (name, tensor) = tensors[i];
            using var cpu = tensor.To(Device.Cpu);
            data[i] = cpu.ToBytes();
            header[name] = new JsonObject
            {
                ["dtype"] = Code(tensor.DType),
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + data[i].LongLength),
            };
            offset += data[i].LongLength;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString(Readable));
        var padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var bytes in data) stream.Write(bytes);
    }

    /// <summary>
    /// Reads and checks the header of <paramref name="path"/>: every entry has a known dtype, a non-negative shape and a
    /// byte range of exactly its size, and the ranges tile the data section, which ends at the end of the file.
    /// Returns the entries in file order, the metadata and where the data section starts.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a safetensors file, or an inconsistent one (one line naming the file and the entry).</exception>
    public static (IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart) ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: weights file not found", path);
        using var stream = File.OpenRead(path);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8) throw Bad(path, "not a safetensors file (shorter than its 8-byte header length)");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, stream.Length - 8))
            throw Bad(path, $"not a safetensors file (header length {headerLength} exceeds the {stream.Length - 8} bytes after it)");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        JsonObject header;
        try { header = JsonNode.Parse(json) as JsonObject ?? throw Bad(path, "not a safetensors file (the header is not a JSON object)"); }
        catch (Exception e) when (e is JsonException or ArgumentException) { throw Bad(path, "not a safetensors file (the header is not JSON with unique names)"); }
        var dataStart = 8 + (long)headerLength;
        var dataLength = stream.Length - dataStart;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>();
        foreach (var (name, node) in header)
        {
            if (name == MetadataKey)
            {
                if (node is not JsonObject meta) throw Bad(path, $"'{MetadataKey}' is not an object of strings");
                foreach (var (key, value) in meta)
                    metadata[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(path, $"'{MetadataKey}' entry '{key}' is not a string");
                continue;
            }
            entries.Add(Entry(path, name, node));
        }
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected) throw Bad(path, $"tensor '{e.Name}': data_offsets start at {e.Begin}, expected {expected} (tensors must be back to back)");
            expected = e.End;
        }
        if (expected != dataLength) throw Bad(path, $"the tensors hold {expected} bytes, the data section has {dataLength} (truncated or padded file)");
        return (entries, metadata, dataStart);
    }

    /// <summary>The safetensors dtype code of <paramref name="dtype"/>.</summary>
    public static string Code(DType dtype)
    {
        foreach (var (d, code) in Codes)
            if (d == dtype) return code;
        throw new ArgumentException($"dtype {dtype} has no safetensors code");
    }

    private static SafetensorsEntry Entry(string path, string name, JsonNode? node)
    {
        if (node is not JsonObject o) throw Bad(path, $"tensor '{name}': not an object");
        var code = o["dtype"] is JsonValue dv && dv.TryGetValue<string>(out var c) ? c : throw Bad(path, $"tensor '{name}': no dtype");
        var dtype = Codes.FirstOrDefault(x => x.Code == code) is { Code: not null } known ? known.DType
            : throw Bad(path, $"tensor '{name}': dtype {code} is not supported (F32, F64, BF16, I64, U8, BOOL)");
        var shape = Integers(path, name, o["shape"], "shape");
        var offsets = Integers(path, name, o["data_offsets"], "data_offsets");
        if (offsets.Length != 2 || offsets[1] < offsets[0]) throw Bad(path, $"tensor '{name}': data_offsets must be [begin, end] with begin ≤ end");
        long bytes = Tensor.ElementSize(dtype);
        try { foreach (var d in shape) bytes = checked(bytes * d); }
        catch (OverflowException) { throw Bad(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] is too large"); }
        if (offsets[1] - offsets[0] != bytes)
            throw Bad(path, $"tensor '{name}': {code} shape [{string.Join(", ", shape)}] needs {bytes} bytes, data_offsets give {offsets[1] - offsets[0]}");
        return new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(string path, string name, JsonNode? node, string field)
    {
        if (node is not JsonArray array) throw Bad(path, $"tensor '{name}': no {field} array");
        var values = new long[array.Count];
        for (var i = 0; i < values.Length; i++)
            if (array[i] is not JsonValue v || !v.TryGetValue(out values[i]) || values[i] < 0)
                throw Bad(path, $"tensor '{name}': {field} must hold non-negative integers");
        return values;
    }

    // The raw bytes are copied as they are; a big-endian host would need byte swaps, which no target of Rebel has.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors: writing needs a little-endian host");
    }

    private static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
