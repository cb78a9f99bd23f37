using System.Diagnostics.CodeAnalysis;

namespace Rebel.Preference;

/// <summary>
/// The key of a policy class, its <c>--policy</c> value: an open key, as an algorithm's name is, so that another
/// assembly adds a policy class with its own key (<c>new PolicyKind("mlp")</c>) and registers it
/// (<see cref="PolicyCatalog.Register(Policies.PolicyDescriptor)"/>, or <see cref="AlgorithmCatalog.Register(PolicyKind, AlgorithmDescriptor)"/>
/// for a class only its own algorithms learn) without a change here. The keys this library's checks name are
/// <see cref="Tabular"/>, <see cref="LogLinear"/> and <see cref="Neural"/>.
/// </summary>
public sealed record PolicyKind : IParsable<PolicyKind>, Options.IOptionChoices
{
    /// <summary>Creates the key <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not lower-case letters, digits and inner hyphens (a flag's value).</exception>
    public PolicyKind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsKey(name))
            throw new ArgumentException($"'{name}' is not a policy class key: lower-case letters, digits and inner hyphens", nameof(name));
        Name = name;
    }

    /// <summary>The key, as <c>--policy</c> takes it.</summary>
    public string Name { get; }

    /// <summary>Softmax over responses, one logit per response and context.</summary>
    public static PolicyKind Tabular { get; } = new("tabular");

    /// <summary>Log-linear over response features (one-hot features recover tabular).</summary>
    public static PolicyKind LogLinear { get; } = new("loglinear");

    /// <summary>A transformer on libtorch (Rebel.Neural registers the algorithms that learn it).</summary>
    public static PolicyKind Neural { get; } = new("neural");

    /// <summary>
    /// Every key a run can name now: this library's, those <see cref="PolicyCatalog"/> lists, and those of the
    /// algorithms registered for other policy classes, in that order.
    /// </summary>
    public static IReadOnlyList<PolicyKind> Known =>
        new[] { Tabular, LogLinear, Neural }.Concat(PolicyCatalog.Kinds).Concat(AlgorithmCatalog.RegisteredVariants.Select(v => v.Policy)).Distinct().ToArray();

    /// <summary>The names of <see cref="Known"/>, which <c>--policy</c>'s help lists.</summary>
    public static IReadOnlyList<string> Choices => Known.Select(k => k.Name).ToArray();

    /// <inheritdoc/>
    public static PolicyKind Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var kind) ? kind : throw new FormatException($"'{s}' is not a policy class: expected one of {string.Join(", ", Choices)}");

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out PolicyKind result)
    {
        string? key = s?.Trim().ToLowerInvariant();
        result = Known.FirstOrDefault(k => k.Name == key);
        return result is not null;
    }

    /// <summary>The key.</summary>
    public override string ToString() => Name;

    private static bool IsKey(string name) =>
        name.Length > 0 && name[0] != '-' && name[^1] != '-' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
