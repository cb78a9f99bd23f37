using System.Globalization;

namespace Rebel.Games.Zoo;

/// <summary>
/// A parsed game spec <c>name:key=value,key=value</c>. Accessors fall back to the family's documented
/// defaults and reject malformed values with a message naming the spec and the key.
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

    /// <summary>The spec as written.</summary>
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
        string name = colon < 0 ? text : text[..colon];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (string pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    throw new GameValidationException($"game spec '{text}': '{pair}' is not key=value");
                string key = pair[..eq].Trim();
                if (!family.Parameters.Any(p => p.Name == key))
                    throw new GameValidationException($"game spec '{text}': unknown parameter '{key}' for '{family.Name}' (known: {string.Join(", ", family.Parameters.Select(p => p.Name))})");
                if (!values.TryAdd(key, pair[(eq + 1)..].Trim()))
                    throw new GameValidationException($"game spec '{text}': parameter '{key}' is given twice");
            }
        }
        return new GameSpec(text, name, values, family.Parameters);
    }

    /// <summary>The raw value of <paramref name="key"/>, or its documented default.</summary>
    public string GetString(string key) =>
        _values.TryGetValue(key, out var v) ? v : _parameters.First(p => p.Name == key).Default;

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

    /// <summary>A finite real parameter within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double GetDouble(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        string s = GetString(key);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(key, s, "a finite number");
        if (v < min || v > max)
            throw Bad(key, s, Range(min, max));
        return v;
    }

    /// <summary>A list of finite reals separated by '/', e.g. <c>margins=1/3/3</c>.</summary>
    public double[] GetDoubles(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        string s = GetString(key);
        var parts = s.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
                throw Bad(key, s, "finite numbers separated by '/'");
            if (result[i] < min || result[i] > max)
                throw Bad(key, s, $"numbers in {Range(min, max)}");
        }
        if (result.Length == 0)
            throw Bad(key, s, "at least one number");
        return result;
    }

    /// <summary>An error for a value of <paramref name="key"/> that the family rejects.</summary>
    public GameValidationException Bad(string key, string value, string expected) =>
        new($"game spec '{Text}': {key}={value} must be {expected}");

    private static string Range(double min, double max) => (min, max) switch
    {
        (double.MinValue or int.MinValue, double.MaxValue or int.MaxValue) => "any value",
        (double.MinValue or int.MinValue, _) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
        (_, double.MaxValue or int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"in [{min}, {max}]"),
    };
}
