using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference.Runs.Utils;

/// <summary>
/// <c>config.json</c> (format <c>rebel-run/1</c>): the run's definition with every option resolved to its value,
/// plus the game's name and a hash of its matrices, so that a resume refuses a game that changed underneath it.
/// </summary>
internal static class RunConfigJson
{
    public const string Format = "rebel-run/1";

    public static string Serialize(RunConfig config, TabularGame game)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("game", config.Game);
            w.WriteString("game_name", game.Name);
            w.WriteString("game_sha256", GameHash(game));
            w.WriteString("algorithm", config.Algorithm);
            w.WriteNumber("iterations", config.Iterations);
            w.WriteNumber("seed", config.Seed);
            w.WriteNumber("checkpoint_seconds", config.CheckpointSeconds);
            WriteOptions(w, "options", config.Shared);
            if (config.AlgorithmOptions is not null)
                WriteOptions(w, "algorithm_options", config.AlgorithmOptions);
            w.WriteStartObject("versions");
            w.WriteString("rebel", typeof(RunConfig).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            w.WriteString("dotnet", Environment.Version.ToString());
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a config and the game hash it recorded.</summary>
    /// <exception cref="RunException">The file is not a valid run config; the message names it.</exception>
    public static (RunConfig Config, string GameHash) Parse(string json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var f) || f.GetString() != Format)
                throw new RunException($"{path}: not a run config (format is not '{Format}')");
            string algorithm = root.GetProperty("algorithm").GetString()!;
            var shared = (SelfPlayOptions)ReadOptions(root, "options", typeof(SelfPlayOptions))!;
            var descriptor = AlgorithmCatalog.For(algorithm, shared.Policy)
                ?? throw new RunException($"{path}: unknown algorithm '{algorithm}'");
            var config = new RunConfig
            {
                Game = root.GetProperty("game").GetString()!,
                Algorithm = algorithm,
                Iterations = root.GetProperty("iterations").GetInt32(),
                Seed = root.GetProperty("seed").GetUInt64(),
                CheckpointSeconds = root.GetProperty("checkpoint_seconds").GetDouble(),
                Shared = shared,
                AlgorithmOptions = descriptor.OptionsType is null ? null : ReadOptions(root, "algorithm_options", descriptor.OptionsType),
            };
            return (config, root.GetProperty("game_sha256").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RunException($"{path}: invalid run config: {e.Message.Split('\n')[0]}", e);
        }
    }

    public static string GameHash(TabularGame game) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GameFile.Serialize(game))));

    private static void WriteOptions(Utf8JsonWriter w, string name, object record)
    {
        w.WriteStartObject(name);
        foreach (var field in OptionFields.Of(record.GetType()))
        {
            // Numbers and switches as JSON numbers and booleans (readable by any JSON tool), the rest as typed.
            object? value = field.GetValue(record);
            switch (value)
            {
                case null:
                    w.WriteNull(field.Name);
                    break;
                case bool b:
                    w.WriteBoolean(field.Name, b);
                    break;
                case double or int:
                    w.WritePropertyName(field.Name);
                    w.WriteRawValue(OptionField.Format(value)!);
                    break;
                default:
                    w.WriteString(field.Name, OptionField.Format(value));
                    break;
            }
        }
        w.WriteEndObject();
    }

    private static object? ReadOptions(JsonElement root, string name, Type type)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var o))
            foreach (var p in o.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return OptionFields.Create(type, values);
    }
}
