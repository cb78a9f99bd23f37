using System.Globalization;

namespace Rebel.Games.Zoo;

/// <summary>
/// A parsed game spec <c>name:key=value,key=value</c>. Accessors fall back to the family's documented
/// defaults and reject malformed or out-of-range values with a one-line message naming the spec and the key.
/// Lists inside a value use '/' (<c>margins=1/3/3</c>) and rows of a matrix use ';' (<c>utilities=0/1/2;2/1/0</c>).
/// </summary>
public sealed class GameSpec
{
    private readonly Dictionary<string, string> _values;
    private readonly IReadOnlyList<GameParameter> _parameters;

    private GameSpec(string text, string name, Dictionary<string, string> values, IReadOnlyList<GameParameter> parameters)
    {
        Text = text;
        Name = name;
        _values = values;
        _parameters = parameters;
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
        return new GameSpec(text, name, values, family.Parameters);
    }

    /// <summary>Whether <paramref name="key"/> was written in the spec (rather than left at its default).</summary>
    public bool IsGiven(string key) => _values.ContainsKey(key);

    /// <summary>The raw value of <paramref name="key"/>, or its documented default.</summary>
    public string GetString(string key) =>
        _values.TryGetValue(key, out var v) ? v : _parameters.First(p => p.Name == key).Default;

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
        var rows = s.Split(';').Select(row => ParseList(key, s, row, min, max)).ToArray();
        if (rows.Any(r => r.Length != rows[0].Length))
            throw Bad(key, s, "rows of equal length");
        return rows;
    }

    /// <summary>An error for a value of <paramref name="key"/> that the family rejects.</summary>
    public GameValidationException Bad(string key, string value, string expected) =>
        new($"game spec '{Text}': {key}={value} must be {expected}");

    /// <summary>This spec with <paramref name="key"/> set to <paramref name="value"/> (a per-context seed, say).</summary>
    internal GameSpec With(string key, string value) =>
        new(Text, Name, new Dictionary<string, string>(_values, StringComparer.Ordinal) { [key] = value }, _parameters);

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
        return new GameSpec(Text, inner.Name, values, inner.Parameters);
    }

    private static void EnsureKnown(string text, string key, IGameFamily family)
    {
        if (!family.Parameters.Any(p => p.Name == key))
            throw new GameValidationException($"game spec '{text}': unknown parameter '{key}' for '{family.Name}' (known: {string.Join(", ", family.Parameters.Select(p => p.Name))})");
    }

    private double[] ParseList(string key, string value, string list, double min, double max)
    {
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
