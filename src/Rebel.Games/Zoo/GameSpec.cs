using System.Globalization;

namespace Rebel.Games.Zoo;

/// <summary>
/// A parsed game spec <c>name:key=value,key=value</c>. Accessors fall back to the family's documented
/// defaults and reject malformed or out-of-range values with a one-line message naming the spec and the key.
/// Lists inside a value use '/' (<c>margins=1/3/3</c>) and rows of a matrix use ';' (<c>utilities=0/1/2;2/1/0</c>).
/// </summary>
public sealed class GameSpec
{
    /// <summary>The longest list (or matrix row count) a spec value may hold: no family has more than 4096 responses.</summary>
    public const int MaxListLength = 4096;

    /// <summary>The largest game a spec may describe: 16 GiB of preference entries (less on a machine with less memory).</summary>
    public const long MaxGameBytes = 16L << 30;

    private readonly Dictionary<string, string> _values;
    private readonly IReadOnlyList<GameParameter> _parameters;

    // Keys read by the family, shared with the specs derived for inner families, so that a key the family never
    // reads (a parameter of another layout) is reported instead of silently ignored, even when its value is garbage.
    private readonly HashSet<string> _read;

    private GameSpec(string text, string name, Dictionary<string, string> values, IReadOnlyList<GameParameter> parameters, HashSet<string> read)
    {
        Text = text;
        Name = name;
        _values = values;
        _parameters = parameters;
        _read = read;
    }

    /// <summary>The spec as written (for a family inside <c>contextual</c>, the outer spec, so errors name what the user typed).</summary>
    public string Text { get; }

    /// <summary>The family name.</summary>
    public string Name { get; }

    /// <summary>Parses <paramref name="text"/> against the parameters of <paramref name="family"/>.</summary>
    /// <exception cref="GameValidationException">Malformed pair, duplicate or unknown key.</exception>
    public static GameSpec Parse(string text, IGameFamily family)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(family);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? text : text[..colon]).Trim();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (string pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    throw new GameValidationException($"game spec '{text}': '{pair}' is not key=value");
                string key = pair[..eq].Trim();
                if (!family.ForwardsParameters)
                    EnsureKnown(text, key, family);
                if (!values.TryAdd(key, pair[(eq + 1)..].Trim()))
                    throw new GameValidationException($"game spec '{text}': parameter '{key}' is given twice");
            }
        }
        return new GameSpec(text, name, values, family.Parameters, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>Refuses a spec that sets a parameter the family did not read while building the game.</summary>
    /// <exception cref="GameValidationException">A given parameter has no effect with the other values.</exception>
    public void EnsureAllRead()
    {
        foreach (var (key, value) in _values)
            if (!_read.Contains(key))
                throw new GameValidationException($"game spec '{Text}': {key}={value} has no effect with the other parameters (it belongs to another layout or mode); remove it");
    }

    /// <summary>
    /// Refuses, before anything is allocated, a game of <paramref name="bytes"/> bytes that is larger than
    /// <see cref="MaxGameBytes"/> or than half the memory this process may use; <paramref name="what"/> names the
    /// parameters that set the size.
    /// </summary>
    /// <exception cref="GameValidationException">The game would not fit.</exception>
    public void EnsureFits(double bytes, string what)
    {
        long limit = GameBytesLimit;
        if (bytes > limit)
            throw new GameValidationException(string.Create(CultureInfo.InvariantCulture,
                $"game spec '{Text}': {what} make a game of {bytes / (1 << 20):F0} MiB, more than the limit of {limit >> 20} MiB ({LimitReason})"));
    }

    /// <summary>The largest game this process builds or loads: <see cref="MaxGameBytes"/>, or half its available memory if less.</summary>
    internal static long GameBytesLimit => Math.Min(MaxGameBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>How <see cref="GameBytesLimit"/> is set, for messages.</summary>
    internal const string LimitReason = "the smaller of 16 GiB and half this machine's available memory";

    /// <summary>Whether <paramref name="key"/> was written in the spec (rather than left at its default).</summary>
    public bool IsGiven(string key) => _values.ContainsKey(key);

    /// <summary>The raw value of <paramref name="key"/>, or its documented default.</summary>
    public string GetString(string key)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out var v) ? v : _parameters.First(p => p.Name == key).Default;
    }

    /// <summary>A value that must be one of <paramref name="choices"/>.</summary>
    public string GetChoice(string key, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string s = GetString(key);
        return choices.Contains(s, StringComparer.Ordinal) ? s : throw Bad(key, s, $"one of {string.Join(", ", choices)}");
    }

    /// <summary>An integer parameter within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInt(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        string s = GetString(key);
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw Bad(key, s, "an integer");
        if (v < min || v > max)
            throw Bad(key, s, Range(min, max));
        return v;
    }

    /// <summary>The most responses a zoo family builds (a 16,384² matrix of doubles is 2 GiB).</summary>
    public const int MaxResponses = 16_384;

    /// <summary>
    /// The number of responses <paramref name="key"/>, in [<paramref name="min"/>, <see cref="MaxResponses"/>], refused
    /// before anything is allocated when the family's <paramref name="matrices"/> n × n matrices of doubles would not fit
    /// (<see cref="EnsureFits"/>).
    /// </summary>
    public int GetResponses(string key, int min, int matrices = 1)
    {
        int n = GetInt(key, min, MaxResponses);
        EnsureFits((double)n * n * sizeof(double) * matrices, $"{key}={n}");
        return n;
    }

    /// <summary>A seed: any integer in [0, 2⁶⁴).</summary>
    public ulong GetSeed(string key)
    {
        string s = GetString(key);
        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)
            ? v
            : throw Bad(key, s, "an integer in [0, 18446744073709551615]");
    }

    /// <summary>A finite real parameter within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double GetDouble(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        string s = GetString(key);
        if (!TryParseFinite(s, out double v))
            throw Bad(key, s, "a finite number");
        if (v < min || v > max)
            throw Bad(key, s, Range(min, max));
        return v;
    }

    /// <summary>A finite real parameter in (0, <paramref name="max"/>].</summary>
    public double GetPositiveDouble(string key, double max = double.MaxValue)
    {
        double v = GetDouble(key);
        return v > 0 && v <= max ? v : throw Bad(key, GetString(key), max == double.MaxValue ? "positive" : string.Create(CultureInfo.InvariantCulture, $"in (0, {max}]"));
    }

    /// <summary>A list of finite reals separated by '/', e.g. <c>margins=1/3/3</c>.</summary>
    public double[] GetDoubles(string key, double min = double.MinValue, double max = double.MaxValue) =>
        ParseList(key, GetString(key), GetString(key), min, max);

    /// <summary>
    /// A rectangular matrix written as rows separated by ';' of reals separated by '/', e.g. <c>utilities=0/1/2;2/1/0</c>,
    /// or null when the value is empty.
    /// </summary>
    public double[][]? GetMatrix(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        string s = GetString(key);
        if (s.Length == 0)
            return null;
        if (s.Count(c => c == ';') >= MaxListLength)
            throw Bad(key, Shortened(s), Inv($"at most {MaxListLength} rows"));
        var rows = s.Split(';').Select(row => ParseList(key, s, row, min, max)).ToArray();
        if (rows.Any(r => r.Length != rows[0].Length))
            throw Bad(key, s, "rows of equal length");
        return rows;
    }

    /// <summary>An error for a value of <paramref name="key"/> that the family rejects.</summary>
    public GameValidationException Bad(string key, string value, string expected) =>
        new($"game spec '{Shortened(Text)}': {key}={Shortened(value)} must be {expected}");

    /// <summary>This spec with <paramref name="key"/> set to <paramref name="value"/> (a per-context seed, say).</summary>
    internal GameSpec With(string key, string value) =>
        new(Text, Name, new Dictionary<string, string>(_values, StringComparer.Ordinal) { [key] = value }, _parameters, _read);

    /// <summary>
    /// The spec of an inner family built from this spec's values minus <paramref name="ownKeys"/>; each remaining key
    /// must be a parameter of <paramref name="inner"/>. Errors keep naming this (outer) spec.
    /// </summary>
    internal GameSpec ForFamily(IGameFamily inner, IReadOnlyList<GameParameter> ownKeys)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _values)
        {
            if (ownKeys.Any(p => p.Name == key))
                continue;
            EnsureKnown(Text, key, inner);
            values[key] = value;
        }
        return new GameSpec(Text, inner.Name, values, inner.Parameters, _read);
    }

    private static void EnsureKnown(string text, string key, IGameFamily family)
    {
        if (!family.Parameters.Any(p => p.Name == key))
            throw new GameValidationException($"game spec '{text}': unknown parameter '{key}' for '{family.Name}' (known: {string.Join(", ", family.Parameters.Select(p => p.Name))})");
    }

    private double[] ParseList(string key, string value, string list, double min, double max)
    {
        if (list.Count(c => c == '/') >= MaxListLength)
            throw Bad(key, value, Inv($"at most {MaxListLength} numbers separated by '/'"));
        var parts = list.Split('/', StringSplitOptions.TrimEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryParseFinite(parts[i], out result[i]))
                throw Bad(key, value, "finite numbers separated by '/'");
            if (result[i] < min || result[i] > max)
                throw Bad(key, value, $"numbers {Range(min, max)}");
        }
        return result;
    }

    /// <summary>A long value cut for a message (a list of thousands of numbers must not fill the terminal).</summary>
    private static string Shortened(string s) => s.Length <= 80 ? s : s[..77] + "…";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseFinite(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    private static string Range(double min, double max) => (min, max) switch
    {
        (double.MinValue or int.MinValue, double.MaxValue or int.MaxValue) => "any value",
        (double.MinValue or int.MinValue, _) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
        (_, double.MaxValue or int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"in [{min}, {max}]"),
    };
}
