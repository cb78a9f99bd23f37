using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Torch.Models;

namespace Rebel.Torch.Nn;

/// <summary>
/// Saves and loads a module's parameters as <b>safetensors</b> (the format of Hugging Face and PyTorch tooling), keyed
/// by the dotted names of <see cref="Module.NamedParameters"/>, which follow the PyTorch module tree of the same model
/// (<c>blocks.0.attn.qkv.weight</c>), so <c>model.load_state_dict</c> in PyTorch takes the file as it is. The metadata
/// holds <c>format = pt</c>, the model kind (<c>rebel.model</c>) and its config as JSON (<c>rebel.config</c>); a
/// <c>NAME.config.json</c> beside <c>NAME.safetensors</c> repeats the config for people and scripts.
/// Loading checks the whole file (names, dtypes, shapes, model kind and config) before it changes any parameter.
/// </summary>
public static class ParameterFile
{
    /// <summary>The metadata key of the model kind.</summary>
    public const string ModelKey = "rebel.model";

    /// <summary>The metadata key of the model config (a JSON object).</summary>
    public const string ConfigKey = "rebel.config";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="module"/>'s parameters (from any device) to <paramref name="path"/> and its config to
    /// <see cref="ConfigPath"/>, each atomically (a reader never sees a half-written file).
    /// </summary>
    /// <param name="module">The model.</param>
    /// <param name="path">The weights file, conventionally <c>NAME.safetensors</c>.</param>
    /// <param name="model">The model kind, e.g. <c>transformer-policy</c>; checked on <see cref="Load"/>.</param>
    /// <param name="config">The model's config as a JSON object; checked on <see cref="Load"/>.</param>
    public static void Save(Module module, string path, string model, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var configText = config.ToJsonString();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", [ModelKey] = model, [ConfigKey] = configText };
        var parameters = module.NamedParameters().ToArray();
        AtomicWrite(path, stream => Safetensors.Write(stream, parameters, metadata));
        var sidecar = new JsonObject { ["model"] = model, ["weights"] = Path.GetFileName(path), ["config"] = JsonNode.Parse(configText) };
        AtomicWrite(ConfigPath(path), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(sidecar.ToJsonString(Indented) + "\n")));
    }

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into <paramref name="module"/>'s parameters (on their device), after
    /// checking that the file is of <paramref name="model"/> with <paramref name="config"/> and holds exactly the
    /// module's parameter names with their dtypes and shapes. On any mismatch nothing is changed.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a safetensors file, another model or config, or a tensor whose name, dtype or shape differs (one line naming the file and the tensor).</exception>
    public static void Load(Module module, string path, string model, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(config);
        var (entries, metadata, dataStart) = Safetensors.ReadHeader(path);
        var savedModel = metadata.GetValueOrDefault(ModelKey);
        if (savedModel != model) throw Bad(path, $"holds a {savedModel ?? "model of unknown kind"} ('{ModelKey}' metadata), not a {model}");
        var savedConfig = ReadConfig(path, metadata);
        if (!JsonNode.DeepEquals(savedConfig, config))
            throw Bad(path, $"config {savedConfig.ToJsonString()} differs from the model's {config.ToJsonString()}");
        var targets = module.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor, StringComparer.Ordinal);
        var found = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (!targets.TryGetValue(e.Name, out var target)) throw Bad(path, $"tensor '{e.Name}': the {model} has no such parameter");
            if (e.DType != target.DType)
                throw Bad(path, $"tensor '{e.Name}': dtype {Safetensors.Code(e.DType)}, the model has {Safetensors.Code(target.DType)}");
            if (!e.Shape.SequenceEqual(target.Shape))
                throw Bad(path, $"tensor '{e.Name}': shape [{string.Join(", ", e.Shape)}], the model has [{string.Join(", ", target.Shape)}]");
        }
        if (targets.Keys.FirstOrDefault(name => !found.ContainsKey(name)) is { } missing)
            throw Bad(path, $"tensor '{missing}' is missing (the {model} has it)");
        using var stream = File.OpenRead(path);
        using var noGrad = Torch.NoGrad();
        foreach (var e in entries)
        {
            var bytes = new byte[e.End - e.Begin];
            stream.Position = dataStart + e.Begin;
            stream.ReadExactly(bytes);
            using var value = Tensor.FromBytes(bytes, e.DType, e.Shape);
            targets[e.Name].CopyFrom(value);
        }
    }

    /// <summary>The model kind and config stored in <paramref name="path"/>, to build the model before <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDataException">Not a safetensors file, or its metadata lacks a JSON config.</exception>
    public static (string? Model, JsonObject Config) ReadModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (_, metadata, _) = Safetensors.ReadHeader(path);
        return (metadata.GetValueOrDefault(ModelKey), ReadConfig(path, metadata));
    }

    /// <summary>The config file written beside <paramref name="weightsPath"/>: <c>NAME.safetensors</c> → <c>NAME.config.json</c>.</summary>
    public static string ConfigPath(string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(weightsPath);
        return Path.ChangeExtension(weightsPath, null) + ".config.json";
    }

    private static JsonObject ReadConfig(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ConfigKey, out var text)) throw Bad(path, $"no '{ConfigKey}' metadata (the model config)");
        try { return JsonNode.Parse(text) as JsonObject ?? throw Bad(path, $"'{ConfigKey}' metadata is not a JSON object"); }
        catch (JsonException) { throw Bad(path, $"'{ConfigKey}' metadata is not JSON"); }
    }

    // Rebel.Torch stands below Rebel.Games (whose AtomicFile the rest uses): the same temporary-then-rename, flushed to disk.
    internal static void AtomicWrite(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
