namespace Rebel.Runs;

/// <summary>
/// How a library oracle names itself in the run directories it drives (<see cref="RunBuilder"/>): <c>config.json</c>
/// records both, and a resume is given the oracle again and refuses one that declares another name or version. The
/// version is the caller's promise that the oracle answers as it did; the game's hash checks the answers themselves
/// wherever they can be enumerated.
/// </summary>
public sealed record OracleIdentity
{
    /// <summary>The longest name or version accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Creates an identity.</summary>
    /// <param name="name">1–64 letters, digits, '.', '_' or '-' (it becomes part of the run's game name).</param>
    /// <param name="version">1–64 letters, digits, '.', '_', '-' or '+', e.g. <c>1</c> or <c>2024-06-01</c>.</param>
    /// <exception cref="ArgumentException">A name or version that is empty, too long or holds another character.</exception>
    public OracleIdentity(string name, string version)
    {
        Name = Checked(name, nameof(Name), allowPlus: false);
        Version = Checked(version, nameof(Version), allowPlus: true);
    }

    /// <summary>The oracle's name.</summary>
    public string Name { get; }

    /// <summary>The oracle's version.</summary>
    public string Version { get; }

    /// <summary>The game spec a run of this oracle records (<c>oracle:NAME</c>), which no zoo game or file path takes.</summary>
    public string GameSpec => "oracle:" + Name;

    /// <inheritdoc/>
    public override string ToString() => $"'{Name}' version {Version}";

    private static string Checked(string value, string property, bool allowPlus)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        if (value.Length is 0 or > MaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' || (allowPlus && c == '+')))
            throw new ArgumentException($"OracleIdentity.{property}: '{value}' must be 1–{MaxLength} ASCII letters, digits, '.', '_' or '-'{(allowPlus ? " or '+'" : "")}", property);
        return value;
    }
}
