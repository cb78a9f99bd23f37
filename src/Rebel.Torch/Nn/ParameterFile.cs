using System.Text;

namespace Rebel.Torch.Nn;

/// <summary>
/// Saves and loads a module's parameters in the versioned binary format <c>rebel-torch-params/1</c>:
/// the ASCII magic <c>RBLTPRM</c>, a format version, a free-text metadata string (e.g. the model config),
/// then per parameter its dotted name, dtype code, shape and raw little-endian elements.
/// Loading matches parameters by name and checks every shape, so a file from another architecture is
/// rejected with a one-line message naming the file and the entry.
/// </summary>
public static class ParameterFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int Version = 1;

    private static readonly byte[] Magic = "RBLTPRM"u8.ToArray();

    /// <summary>Writes <paramref name="module"/>'s parameters (from any device) to <paramref name="path"/>, atomically.</summary>
    public static void Save(Module module, string path, string metadata = "")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);
        var entries = module.NamedParameters().ToArray();
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(metadata);
            w.Write(entries.Length);
            foreach (var (name, tensor) in entries)
            {
                var shape = tensor.Shape;
                var bytes = tensor.ToBytes();
                w.Write(name);
                w.Write((int)tensor.DType);
                w.Write(shape.Length);
                foreach (var d in shape) w.Write(d);
                w.Write(bytes.LongLength);
                w.Write(bytes);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Copies the values stored in <paramref name="path"/> into <paramref name="module"/>'s parameters; returns the metadata string.</summary>
    public static string Load(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: parameter file not found", path);
        var targets = module.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor, StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw Bad(path, "not a rebel-torch parameter file");
            var version = r.ReadInt32();
            if (version != Version) throw Bad(path, $"format version {version}, this build reads {Version}");
            var metadata = r.ReadString();
            var count = r.ReadInt32();
            if (count != targets.Count) throw Bad(path, $"{count} parameters, the model has {targets.Count}");
            for (var i = 0; i < count; i++)
            {
                var name = r.ReadString();
                var dtype = (DType)r.ReadInt32();
                var shape = new long[r.ReadInt32()];
                for (var k = 0; k < shape.Length; k++) shape[k] = r.ReadInt64();
                var bytes = r.ReadBytes(checked((int)r.ReadInt64()));
                if (!targets.Remove(name, out var target)) throw Bad(path, $"entry '{name}': the model has no such parameter");
                var expected = target.Shape;
                if (!expected.SequenceEqual(shape))
                    throw Bad(path, $"entry '{name}': shape [{string.Join(", ", shape)}], the model has [{string.Join(", ", expected)}]");
                using var value = Tensor.FromBytes(bytes, dtype, shape);
                target.CopyFrom(value);
            }
            return metadata;
        }
        catch (EndOfStreamException) { throw Bad(path, "truncated"); }
        catch (ArgumentException e) { throw Bad(path, e.Message); }
    }

    private static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
