using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rebel.Games.Judges;

/// <summary>
/// A judge process as a preference model (docs/judge-protocol.md): the command, the directory it runs in, the contexts
/// and responses it is asked about, how long one answer may take, whether it answers probabilities or outcomes, and
/// how many queries the evaluation may spend on the full matrix. Given as the spec
/// <c>judge:cmd="python3 my_judge.py",responses=5[,timeout=30][,answers=probabilities|outcomes][,eval-budget=N][,dir=D][,shell=true]</c>
/// (one context <c>x0</c> with responses <c>y0 … y(n−1)</c>) or a <c>rebel-judge/1</c> JSON file.
/// </summary>
public sealed record JudgeSpec
{
    /// <summary>The spec prefix that names a judge.</summary>
    public const string Prefix = "judge:";

    /// <summary>The format of a judge file.</summary>
    public const string FileFormat = "rebel-judge/1";

    /// <summary>The default <see cref="EvalBudget"/>: the most queries the evaluation's full matrix may cost.</summary>
    public const long DefaultEvalBudget = 1_000_000;

    /// <summary>
    /// The command that starts the judge: split into the program and its arguments by <see cref="JudgeCommandLine"/>
    /// and started without a shell, or, when <see cref="Shell"/>, run by <c>/bin/sh -c</c>.
    /// </summary>
    public required string Command { get; init; }

    /// <summary>Whether <see cref="Command"/> is a shell command line (<c>/bin/sh -c</c>): an explicit opt-in, since the shell runs whatever the line says.</summary>
    public bool Shell { get; init; }

    /// <summary>The program and arguments started: <see cref="Command"/> split, or <c>/bin/sh -c Command</c> when <see cref="Shell"/>.</summary>
    public IReadOnlyList<string> Arguments => Shell ? ["/bin/sh", "-c", Command] : JudgeCommandLine.Split(Command);

    /// <summary>The directory the command runs in (absolute).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The contexts and responses.</summary>
    public required IReadOnlyList<JudgeContext> Contexts { get; init; }

    /// <summary>Seconds one answer line may take before the judge is given up.</summary>
    public double TimeoutSeconds { get; init; } = 30;

    /// <summary>Whether the judge answers probabilities or outcomes.</summary>
    public JudgeAnswers Answers { get; init; } = JudgeAnswers.Probabilities;

    /// <summary>The most queries the evaluation may spend on the full matrix (every ordered pair of every context).</summary>
    public long EvalBudget { get; init; } = DefaultEvalBudget;

    /// <summary>The pairs per context and iteration an estimating evaluation asks (when the matrix is not enumerated).</summary>
    public int EvalSamples { get; init; } = 64;

    /// <summary>
    /// Whether the evaluation asks the judge for its full matrix and reports exact metrics: when it answers probabilities
    /// and the matrix costs at most <see cref="EvalBudget"/> queries. Otherwise the run reports estimates.
    /// </summary>
    public bool IsEnumerable => Answers == JudgeAnswers.Probabilities && EvalQueries <= EvalBudget;

    /// <summary>Queries the evaluation's full matrix costs: every ordered pair of distinct responses of every context.</summary>
    public long EvalQueries => Contexts.Sum(c => (long)c.Responses.Count * (c.Responses.Count - 1));

    /// <summary>A short name for messages: the command.</summary>
    public string Describe() => $"judge '{Command}'";

    /// <summary>Whether <paramref name="spec"/> is a judge spec (<c>judge:…</c>).</summary>
    public static bool IsSpec(string spec) => spec?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The largest judge file read (a judge file lists names and texts, not matrices).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>How far into a file its top-level <c>"format"</c> must appear for the file to be taken as a judge file.</summary>
    public const int FormatWithinBytes = 64 << 10;

    /// <summary>
    /// Whether <paramref name="prefix"/>, the first bytes of a JSON file, declares <c>"format": "rebel-judge/1"</c>
    /// as a top-level property (a game file is never read whole just to tell).
    /// </summary>
    public static bool StartsAsJudgeFile(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("format"))
                    return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(FileFormat);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a name that cannot be read (a lone surrogate escape): not a judge file (the game loader says what is wrong).
        }
        return false;
    }

    /// <summary>
    /// The spec as a run records it: with <c>dir=</c> set to the current directory when it has none, so that a resumed
    /// run starts the command where the first one did.
    /// </summary>
    public static string Anchored(string spec)
    {
        var parsed = Parse(spec);
        return Pairs(spec[Prefix.Length..], spec).ContainsKey("dir")
            ? spec
            : $"{spec},dir=\"{parsed.WorkingDirectory.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Parses a <c>judge:key=value,…</c> spec; a value may be double-quoted to hold commas (<c>\"</c> and <c>\\</c> escape).</summary>
    /// <exception cref="GameValidationException">A missing, unknown or invalid key.</exception>
    public static JudgeSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsSpec(spec))
            throw new GameValidationException($"'{spec}' is not a judge spec (it starts with '{Prefix}')");
        var values = Pairs(spec[Prefix.Length..], spec);
        string[] known = ["cmd", "responses", "timeout", "answers", "eval-budget", "eval-samples", "dir", "shell"];
        foreach (var key in values.Keys.Where(k => !known.Contains(k)))
            throw new GameValidationException($"{spec}: unknown judge key '{key}' (known: {string.Join(", ", known)})");
        if (!values.TryGetValue("cmd", out var command) || command.Trim().Length == 0)
            throw new GameValidationException($"{spec}: the judge needs cmd=\"…\" (the command that starts it)");
        if (!values.TryGetValue("responses", out var r) || !int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 2 || n > 10_000)
            throw new GameValidationException($"{spec}: the judge needs responses=n with 2 ≤ n ≤ 10000");
        var responses = Enumerable.Range(0, n).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Validated(new JudgeSpec
        {
            Command = command,
            Shell = values.TryGetValue("shell", out var sh) && Flag(sh, spec, "shell"),
            WorkingDirectory = Path.GetFullPath(values.GetValueOrDefault("dir") ?? Directory.GetCurrentDirectory()),
            Contexts = [new JudgeContext("x0", "", 1, responses, null)],
            TimeoutSeconds = values.TryGetValue("timeout", out var t) ? Number(t, spec, "timeout") : 30,
            Answers = values.TryGetValue("answers", out var a) ? ParseAnswers(a, spec) : JudgeAnswers.Probabilities,
            EvalBudget = values.TryGetValue("eval-budget", out var b) ? (long)Number(b, spec, "eval-budget") : DefaultEvalBudget,
            EvalSamples = values.TryGetValue("eval-samples", out var m) ? (int)Math.Min(int.MaxValue, Number(m, spec, "eval-samples")) : 64,
        }, spec);
    }

    /// <summary>Reads a <c>rebel-judge/1</c> file; its command runs in the file's directory.</summary>
    /// <exception cref="GameValidationException">Malformed file, naming the file and the property.</exception>
    public static JudgeSpec Read(string path, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            string[] known = ["format", "command", "shell", "timeout_seconds", "answers", "eval_budget", "eval_samples", "contexts"];
            foreach (var p in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
                throw new GameValidationException($"{path}: unknown property '{p.Name}' (known: {string.Join(", ", known)})");
            var contexts = Required(root, "contexts", path, JsonValueKind.Array).EnumerateArray().Select((c, i) => Context(c, $"{path}: contexts[{i}]")).ToArray();
            if (contexts.Length == 0)
                throw new GameValidationException($"{path}: contexts: at least one context is needed");
            return Validated(new JudgeSpec
            {
                Command = Required(root, "command", path, JsonValueKind.String).GetString()!,
                Shell = root.TryGetProperty("shell", out var sh) && sh.GetBoolean(),
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!,
                Contexts = contexts,
                TimeoutSeconds = root.TryGetProperty("timeout_seconds", out var t) ? t.GetDouble() : 30,
                Answers = root.TryGetProperty("answers", out var a) ? ParseAnswers(a.GetString() ?? "", path) : JudgeAnswers.Probabilities,
                EvalBudget = root.TryGetProperty("eval_budget", out var b) ? b.GetInt64() : DefaultEvalBudget,
                EvalSamples = root.TryGetProperty("eval_samples", out var m) ? m.GetInt32() : 64,
            }, path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new GameValidationException($"{path}: not a valid {FileFormat} file: {e.Message}");
        }
    }

    private static JudgeContext Context(JsonElement c, string where)
    {
        string name = Required(c, "name", where, JsonValueKind.String).GetString()!;
        var responses = Required(c, "responses", where, JsonValueKind.Array).EnumerateArray().ToArray();
        if (responses.Length < 2)
            throw new GameValidationException($"{where}: responses: at least two are needed");
        // A response is its name, or {"name": …, "text": …}.
        var names = responses.Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : Required(r, "name", where, JsonValueKind.String).GetString()!).ToArray();
        bool texts = responses.Any(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("text", out _));
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new GameValidationException($"{where}: response names must be distinct");
        return new JudgeContext(
            name,
            c.TryGetProperty("prompt", out var p) ? p.GetString() ?? "" : "",
            c.TryGetProperty("weight", out var w) ? w.GetDouble() : 1,
            names,
            texts ? responses.Select((r, i) => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("text", out var t) ? t.GetString() ?? "" : names[i]).ToArray() : null);
    }

    private static JsonElement Required(JsonElement e, string name, string where, JsonValueKind kind) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == kind
            ? v
            : throw new GameValidationException($"{where}: '{name}' is missing or not a {kind.ToString().ToLowerInvariant()}");

    private static JudgeSpec Validated(JudgeSpec spec, string where)
    {
        if (!spec.Shell)
        {
            try
            {
                _ = JudgeCommandLine.Split(spec.Command);
            }
            catch (FormatException e)
            {
                throw new GameValidationException($"{where}: the judge's command '{spec.Command}' cannot be split into arguments: {e.Message}");
            }
        }
        if (!(spec.TimeoutSeconds > 0) || spec.TimeoutSeconds > 86_400)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture, $"{where}: the judge's timeout {spec.TimeoutSeconds} s must lie in (0, 86400]"));
        if (spec.EvalBudget < 0)
            throw new GameValidationException($"{where}: the evaluation budget must not be negative");
        if (spec.EvalSamples is < 1 or > 1_000_000)
            throw new GameValidationException($"{where}: the evaluation's samples per context must lie in [1, 1000000]");
        if (!Directory.Exists(spec.WorkingDirectory))
            throw new GameValidationException($"{where}: the judge's directory '{spec.WorkingDirectory}' does not exist");
        if (spec.Contexts.Any(c => !(c.Weight > 0) || double.IsInfinity(c.Weight)))
            throw new GameValidationException($"{where}: context weights must be positive and finite");
        return spec;
    }

    private static double Number(string text, string spec, string key) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new GameValidationException($"{spec}: {key}={text} is not a number");

    private static bool Flag(string text, string spec, string key) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new GameValidationException($"{spec}: {key}={text}: expected true or false"),
    };

    private static JudgeAnswers ParseAnswers(string text, string where) => text switch
    {
        "probabilities" => JudgeAnswers.Probabilities,
        "outcomes" => JudgeAnswers.Outcomes,
        _ => throw new GameValidationException($"{where}: answers '{text}': expected probabilities or outcomes"),
    };

    /// <summary>Splits <c>k=v,k="v, with commas",…</c>.</summary>
    private static Dictionary<string, string> Pairs(string text, string spec)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            int eq = text.IndexOf('=', i);
            if (eq < 0)
                throw new GameValidationException($"{spec}: expected key=value at '{text[i..]}'");
            string key = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                if (i >= text.Length)
                    throw new GameValidationException($"{spec}: the quoted value of '{key}' is not closed");
                i++;
                if (i < text.Length && text[i] != ',')
                    throw new GameValidationException($"{spec}: expected ',' after the quoted value of '{key}'");
            }
            else
            {
                int comma = text.IndexOf(',', i);
                value.Append(comma < 0 ? text[i..] : text[i..comma]);
                i = comma < 0 ? text.Length : comma;
            }
            if (key.Length == 0)
                throw new GameValidationException($"{spec}: a value without a key (expected key=value)");
            if (!result.TryAdd(key, value.ToString()))
                throw new GameValidationException($"{spec}: '{key}' is given twice");
            // A comma ends every pair but the last: one at the very end is a stray, which would corrupt the recorded spec.
            if (i == text.Length - 1)
                throw new GameValidationException($"{spec}: a trailing comma (remove it)");
            i++;
        }
        return result;
    }
}
