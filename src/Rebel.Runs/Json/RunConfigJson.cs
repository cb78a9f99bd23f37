using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Options;

namespace Rebel.Runs.Json;

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
            if (config.Oracle is { } oracle)
            {
                w.WriteStartObject("oracle");
                w.WriteString("name", oracle.Name);
                w.WriteString("version", oracle.Version);
                w.WriteEndObject();
            }
            w.WriteString("algorithm", config.Algorithm);
            w.WriteNumber("iterations", config.Iterations);
            w.WriteNumber("seed", config.Seed);
            w.WriteNumber("checkpoint_seconds", config.CheckpointSeconds);
            w.WriteNumber("log_every", config.LogEvery);
            WriteOptions(w, "options", config.Shared);
            if (config.AlgorithmOptions is not null)
                WriteOptions(w, "algorithm_options", config.AlgorithmOptions);
            if (config.Runtime.Count > 0)
            {
                w.WriteStartObject("runtime");
                foreach (var (key, value) in config.Runtime.OrderBy(p => p.Key, StringComparer.Ordinal))
                    w.WriteString(key, value);
                w.WriteEndObject();
            }
            w.WriteStartObject("versions");
            w.WriteString("rebel", typeof(RunConfig).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            w.WriteString("dotnet", Environment.Version.ToString());
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The largest config.json read (a config is a few kilobytes).</summary>
    public const long MaxBytes = 1 << 20;

    private static readonly string[] Properties =
        ["format", "game", "game_name", "game_sha256", "oracle", "algorithm", "iterations", "seed", "checkpoint_seconds", "log_every", "options", "algorithm_options", "runtime", "versions"];

    /// <summary>Checks the numbers of a config that no options record checks: iterations and checkpoint interval.</summary>
    /// <exception cref="RunException">A value is out of range; the message starts with <paramref name="where"/> and names the property.</exception>
    public static void Check(RunConfig config, string where)
    {
        if (config.Iterations < 1)
            throw new RunException(Inv($"{where}: iterations must be at least 1, not {config.Iterations}"));
        if (!(config.CheckpointSeconds > 0) || double.IsInfinity(config.CheckpointSeconds))
            throw new RunException(Inv($"{where}: checkpoint_seconds must be a positive finite number of seconds, not {config.CheckpointSeconds}"));
        if (config.LogEvery < 1)
            throw new RunException(Inv($"{where}: log_every must be at least 1, not {config.LogEvery}"));
    }

    /// <summary>Parses and validates a config and the game hash it recorded.</summary>
    /// <exception cref="RunException">The file is not a valid run config; the message names it and the property.</exception>
    public static (RunConfig Config, string GameHash) Parse(byte[] json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("not a JSON object");
            if (!root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
                throw new RunException($"{path}: not a run config (format is not '{Format}')");
            foreach (var p in root.EnumerateObject())
                if (!Properties.Contains(p.Name, StringComparer.Ordinal))
                    throw new FormatException($"unknown property '{p.Name}'");
            string algorithm = Text(root, "algorithm");
            var shared = (SelfPlayOptions)ReadOptions(root, "options", typeof(SelfPlayOptions));
            var descriptor = AlgorithmCatalog.For(algorithm, shared.Policy)
                ?? throw new FormatException($"unknown algorithm '{algorithm}'");
            if (descriptor.OptionsType is null && root.TryGetProperty("algorithm_options", out _))
                throw new FormatException($"algorithm '{algorithm}' has no algorithm_options");
            string hash = Text(root, "game_sha256");
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
                throw new FormatException("game_sha256 is not a SHA-256 in lower-case hex");
            var config = new RunConfig
            {
                Game = Text(root, "game"),
                Oracle = root.TryGetProperty("oracle", out var oracle) ? Identity(oracle) : null,
                Algorithm = algorithm,
                Iterations = Integer(root, "iterations"),
                Seed = root.GetProperty("seed").GetUInt64(),
                CheckpointSeconds = root.GetProperty("checkpoint_seconds").GetDouble(),
                LogEvery = root.TryGetProperty("log_every", out var every) ? every.GetInt32() : 1,
                Runtime = root.TryGetProperty("runtime", out var runtime)
                    ? runtime.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? throw new FormatException($"runtime.{p.Name} is not a string"), StringComparer.Ordinal)
                    : new Dictionary<string, string>(),
                Shared = shared,
                AlgorithmOptions = descriptor.OptionsType is null ? null : ReadOptions(root, "algorithm_options", descriptor.OptionsType),
            };
            if (config.Oracle is { } identity && config.Game != identity.GameSpec)
                throw new FormatException($"game must be '{identity.GameSpec}' in a run of the oracle {identity}");
            Check(config, path);
            return (config, hash);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            string what = e is KeyNotFoundException ? "a required property is missing" : e.Message.Split('\n')[0];
            throw new RunException($"{path}: invalid run config: {what}", e);
        }
    }

    /// <summary>The <c>oracle</c> object of a run made by <see cref="RunBuilder"/>.</summary>
    private static OracleIdentity Identity(JsonElement oracle)
    {
        if (oracle.ValueKind != JsonValueKind.Object || oracle.EnumerateObject().Any(p => p.Name is not ("name" or "version")))
            throw new FormatException("oracle must be an object with only a name and a version");
        try
        {
            return new OracleIdentity(Text(oracle, "name"), Text(oracle, "version"));
        }
        catch (ArgumentException e)
        {
            throw new FormatException("oracle: " + e.Message.Split(" (Parameter")[0], e);
        }
    }

    public static string GameHash(TabularGame game) => Hashes.GetValue(game, g =>
    {
        if (g.Contexts.Any(c => c.Kernel is not null))
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ImplicitIdentity(g))));
        // The file's bytes hashed as they are written: a 2 GiB matrix never exists as text.
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write, leaveOpen: true))
            GameFile.Serialize(g, hashing);
        return Convert.ToHexStringLower(sha.Hash!);
    });

    // A game is immutable: its hash is taken once per game object, however many runs of a compare or sweep record it.
    private static readonly ConditionalWeakTable<TabularGame, string> Hashes = [];

    // A game too large to store is a zoo game, named by its full spec (seed included): the spec, the contexts' names,
    // weights and sizes identify it, and its matrices are never written.
    private static string ImplicitIdentity(TabularGame game) =>
        string.Join('\n', game.Contexts.Select(c => FormattableString.Invariant($"{c.Name} {c.Weight:R} {c.Count}")).Prepend("implicit " + game.Name));

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

    /// <summary>
    /// The options record from the object <paramref name="name"/>: every property must be an option of the record
    /// (found generically through <see cref="OptionFields"/>, so a new option needs no change here) with a valid value.
    /// </summary>
    private static object ReadOptions(JsonElement root, string name, Type type)
    {
        var fields = OptionFields.Of(type);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var o))
        {
            if (o.ValueKind != JsonValueKind.Object)
                throw new FormatException($"'{name}' must be an object");
            foreach (var p in o.EnumerateObject())
            {
                var field = fields.FirstOrDefault(f => f.Name == p.Name)
                    ?? throw new FormatException($"{name}.{p.Name}: unknown option (known: {string.Join(", ", fields.Select(f => f.Name))})");
                if (p.Value.ValueKind == JsonValueKind.Null)
                    continue;
                string text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                if (!field.Accepts(text))
                    throw new FormatException($"{name}.{p.Name}: '{text}' is not {field.Expected}");
                values[p.Name] = text;
            }
        }
        return OptionFields.Create(type, values);
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"'{name}' must be a string");

    private static int Integer(JsonElement root, string name) =>
        root.GetProperty(name).TryGetInt32(out int v) ? v : throw new FormatException($"'{name}' must be an integer in [1, {int.MaxValue}]");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
