using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Torch.Nn;

namespace Rebel.Torch.Models;

/// <summary>
/// Hugging Face GPT-2 directories in and out: <c>config.json</c> (<c>model_type</c> gpt2, <c>n_embd</c>, <c>n_layer</c>,
/// <c>n_head</c>, <c>n_positions</c>, <c>vocab_size</c>, <c>layer_norm_epsilon</c>, <c>activation_function</c>) and
/// <c>model.safetensors</c> with Hugging Face's tensor names, with or without the <c>transformer.</c> prefix. Hugging
/// Face's Conv1D layers store their weights [in, out], the transpose of <see cref="Linear"/>'s, so they are transposed
/// on the way in and out; the output head is tied to <c>wte</c> (a stored <c>lm_head.weight</c> is that same tensor and
/// is not read), and the attention mask buffers (<c>attn.bias</c>, <c>attn.masked_bias</c>) are ignored.
/// Everything is checked before any tensor is read.
/// </summary>
public static class HuggingFaceGpt2
{
    /// <summary>The config file of a directory.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The weights file of a directory.</summary>
    public const string WeightsFile = "model.safetensors";

    private const string Prefix = "transformer.";

    /// <summary>Whether <paramref name="path"/> is a directory holding a <c>config.json</c> (a Hugging Face model directory).</summary>
    public static bool IsModelDirectory(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, ConfigFile));

    /// <summary>The config of the GPT-2 in <paramref name="directory"/> and its end-of-text id (<c>eos_token_id</c>, when given).</summary>
    /// <exception cref="InvalidDataException">No config, or one this model cannot run (one line naming the file and the field).</exception>
    public static (TransformerConfig Config, int? EndToken) ReadConfig(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no such file (a Hugging Face model directory has config.json and model.safetensors)");
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object"); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message.Split('\n')[0]})"); }
        var modelType = Text(path, json, "model_type");
        if (modelType != "gpt2") throw Bad(path, "model_type", $"is '{modelType}', only gpt2 is supported");
        var embd = Int(path, json, "n_embd");
        var activation = Text(path, json, "activation_function", "gelu_new");
        if (activation is not (TransformerConfig.GeluNew or TransformerConfig.Gelu)) throw Bad(path, "activation_function", $"is '{activation}', not gelu_new or gelu");
        if (json["n_inner"] is { } inner && inner.GetValueKind() != JsonValueKind.Null && Int(path, json, "n_inner") != 4 * embd)
            throw Bad(path, "n_inner", $"is {inner}, only 4 × n_embd ({4 * embd}) is supported");
        Require(path, json, "scale_attn_weights", true);
        Require(path, json, "scale_attn_by_inverse_layer_idx", false);
        Require(path, json, "add_cross_attention", false);
        Require(path, json, "tie_word_embeddings", true);
        var eps = json["layer_norm_epsilon"] is JsonValue e2 && e2.TryGetValue<double>(out var v) ? v
            : json["layer_norm_epsilon"] is null ? 1e-5 : throw Bad(path, "layer_norm_epsilon", "is not a number");
        var config = new TransformerConfig(Int(path, json, "vocab_size"), Int(path, json, "n_positions"), embd, Int(path, json, "n_layer"), Int(path, json, "n_head"), activation, eps);
        try { config.Validate(); }
        catch (ArgumentException x) { throw new InvalidDataException($"{path}: {x.Message}"); }
        int? end = json["eos_token_id"] is { } eos && eos.GetValueKind() != JsonValueKind.Null ? Int(path, json, "eos_token_id") : null;
        if (end is { } id && id >= config.Vocab) throw Bad(path, "eos_token_id", $"{id} is not below vocab_size {config.Vocab}");
        return (config, end);
    }

    /// <summary>The weights file of <paramref name="directory"/>, which must exist.</summary>
    /// <exception cref="InvalidDataException">The directory has no <c>model.safetensors</c>.</exception>
    public static string WeightsPath(string directory)
    {
        var path = Path.Combine(directory, WeightsFile);
        return File.Exists(path) ? path : throw new InvalidDataException($"{path}: no such file (the model's weights)");
    }

    /// <summary>The GPT-2 stored in <paramref name="directory"/>, on <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">An unsupported config, a missing weights file, or a tensor missing or of another shape or dtype (one line naming the file and the field or tensor).</exception>
    public static TransformerPolicy Load(string directory, Device device)
    {
        var (config, _) = ReadConfig(directory);
        var path = WeightsPath(directory);
        var (entries, _, dataStart) = Safetensors.ReadHeader(path);
        var byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var prefix = byName.ContainsKey(Prefix + "wte.weight") ? Prefix : "";
        using var init = new Generator(0);
        var policy = new TransformerPolicy(config, init, device);
        try
        {
            var targets = Names(policy).ToArray();
            var known = targets.Select(t => prefix + t.HfName).ToHashSet(StringComparer.Ordinal);
            foreach (var e in entries)
                if (!known.Contains(e.Name) && !IsIgnored(e.Name))
                    throw new InvalidDataException($"{path}: tensor '{e.Name}' is not a parameter of a GPT-2 of this config");
            var reads = new List<(SafetensorsEntry Entry, Tensor Target, bool Transposed)>();
            foreach (var (hf, target, transposed) in targets)
            {
                if (!byName.TryGetValue(prefix + hf, out var entry)) throw new InvalidDataException($"{path}: tensor '{prefix + hf}' is missing");
                if (entry.DType is not (DType.Float32 or DType.Float64 or DType.BFloat16))
                    throw new InvalidDataException($"{path}: tensor '{entry.Name}': dtype {Safetensors.Code(entry.DType)} is not a floating type (F32, F64, BF16)");
                var shape = transposed ? [target.Shape[1], target.Shape[0]] : target.Shape;
                if (!entry.Shape.SequenceEqual(shape))
                    throw new InvalidDataException($"{path}: tensor '{entry.Name}': shape [{string.Join(", ", entry.Shape)}], config.json gives [{string.Join(", ", shape)}]");
                reads.Add((entry, target, transposed));
            }
            using var stream = File.OpenRead(path);
            using var noGrad = Torch.NoGrad();
            foreach (var (entry, target, transposed) in reads)
            {
                var bytes = new byte[entry.End - entry.Begin];
                stream.Position = dataStart + entry.Begin;
                stream.ReadExactly(bytes);
                using var scope = new DisposeScope();
                var value = Tensor.FromBytes(bytes, entry.DType, entry.Shape).To(DType.Float32);
                target.CopyFrom(transposed ? value.Transpose(0, 1) : value);
            }
        }
        catch
        {
            policy.Dispose();
            throw;
        }
        return policy;
    }

    /// <summary>
    /// Writes <paramref name="policy"/> to <paramref name="directory"/> (created if needed) as a Hugging Face GPT-2:
    /// <c>config.json</c> and <c>model.safetensors</c> without the <c>transformer.</c> prefix (as the Hub's gpt2), each
    /// atomically, so <see cref="Load"/> and <c>GPT2LMHeadModel.from_pretrained</c> read it.
    /// </summary>
    public static void Save(TransformerPolicy policy, string directory, int? endToken = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var c = policy.Config;
        var config = new JsonObject
        {
            ["model_type"] = "gpt2",
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["vocab_size"] = c.Vocab,
            ["n_positions"] = c.Context,
            ["n_embd"] = c.DModel,
            ["n_layer"] = c.Layers,
            ["n_head"] = c.Heads,
            ["n_inner"] = null,
            ["activation_function"] = c.Activation ?? TransformerConfig.Gelu,
            ["layer_norm_epsilon"] = c.Epsilon,
            ["tie_word_embeddings"] = true,
        };
        if (endToken is { } end)
        {
            config["bos_token_id"] = end;
            config["eos_token_id"] = end;
        }
        using var scope = new DisposeScope();
        var tensors = Names(policy).Select(t => (t.HfName, t.Transposed ? t.Tensor.Detach().Transpose(0, 1).Contiguous() : t.Tensor)).ToArray();
        var metadata = new Dictionary<string, string> { ["format"] = "pt" };
        ParameterFile.AtomicWrite(Path.Combine(directory, WeightsFile), stream => Safetensors.Write(stream, tensors, metadata));
        ParameterFile.AtomicWrite(Path.Combine(directory, ConfigFile), stream => stream.Write(Encoding.UTF8.GetBytes(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n")));
    }

    // Each parameter's Hugging Face name and whether it is a Conv1D weight (stored transposed).
    private static IEnumerable<(string HfName, Tensor Tensor, bool Transposed)> Names(TransformerPolicy policy)
    {
        foreach (var (name, tensor) in policy.NamedParameters())
        {
            var parts = name.Split('.');
            var hf = parts[0] switch
            {
                "wte" or "wpe" => name,
                "lnf" => "ln_f." + parts[1],
                "blocks" => $"h.{parts[1]}." + string.Join('.', parts[2..]) switch
                {
                    var s when s.StartsWith("ln1.", StringComparison.Ordinal) => "ln_1." + parts[^1],
                    var s when s.StartsWith("ln2.", StringComparison.Ordinal) => "ln_2." + parts[^1],
                    var s when s.StartsWith("attn.qkv.", StringComparison.Ordinal) => "attn.c_attn." + parts[^1],
                    var s when s.StartsWith("attn.proj.", StringComparison.Ordinal) => "attn.c_proj." + parts[^1],
                    var s when s.StartsWith("fc.", StringComparison.Ordinal) => "mlp.c_fc." + parts[^1],
                    var s when s.StartsWith("proj.", StringComparison.Ordinal) => "mlp.c_proj." + parts[^1],
                    var s => throw new InvalidOperationException($"no Hugging Face name for block parameter '{s}'"),
                },
                _ => throw new InvalidOperationException($"no Hugging Face name for parameter '{name}'"),
            };
            yield return (hf, tensor, parts[0] == "blocks" && parts[^1] == "weight" && !parts[2].StartsWith("ln", StringComparison.Ordinal));
        }
    }

    // The tied head and the causal-mask buffers (".attn.bias" is not "c_attn.bias", whose character before "attn" is '_').
    private static bool IsIgnored(string name) =>
        name == "lm_head.weight" || name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);

    private static string Text(string path, JsonObject json, string field, string? fallback = null) =>
        json[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : json[field] is null && fallback is not null ? fallback
        : throw Bad(path, field, json[field] is null ? "is missing" : "is not a string");

    private static int Int(string path, JsonObject json, string field) =>
        json[field] is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : throw Bad(path, field, json[field] is null ? "is missing" : $"is {json[field]!.ToJsonString()}, not an integer");

    private static void Require(string path, JsonObject json, string field, bool supported)
    {
        if (json[field] is not { } node || node.GetValueKind() == JsonValueKind.Null) return;
        if (node is not JsonValue v || !v.TryGetValue<bool>(out var b)) throw Bad(path, field, "is not true or false");
        if (b != supported) throw Bad(path, field, $"is {(b ? "true" : "false")}, only {(supported ? "true" : "false")} is supported");
    }

    private static InvalidDataException Bad(string path, string field, string what) => new($"{path}: '{field}' {what}");
}
