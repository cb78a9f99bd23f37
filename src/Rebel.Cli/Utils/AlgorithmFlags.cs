using System.CommandLine;
using Rebel.Preference.Options;
using Rebel.Preference;

namespace Rebel.Cli.Utils;

/// <summary>
/// The flags generated from the options records — <see cref="SelfPlayOptions"/> and every algorithm's own
/// options type — by their <see cref="OptionAttribute"/>s. A name shared by several records is one flag that
/// sets all of them; help shows the description and the default.
/// </summary>
internal sealed class AlgorithmFlags
{
    private readonly List<(Option Option, string Name, IReadOnlySet<string> Algorithms)> _flags = [];

    public AlgorithmFlags()
    {
        var shared = OptionFields.Of(typeof(SelfPlayOptions));
        var own = AlgorithmCatalog.All.Select(a => (Descriptor: a, Key: a.Name))
            .Concat(AlgorithmCatalog.RegisteredVariants.Select(v => (v.Descriptor, Key: VariantKey(v.Descriptor.Name, v.Policy))))
            .Where(a => a.Descriptor.OptionsType is not null)
            .SelectMany(a => OptionFields.Of(a.Descriptor.OptionsType!).Select(f => (Field: f, Algorithm: a.Key)))
            .ToArray();
        var everyone = AlgorithmCatalog.All.Select(a => a.Name)
            .Concat(AlgorithmCatalog.RegisteredVariants.Select(v => VariantKey(v.Descriptor.Name, v.Policy))).ToHashSet();
        foreach (var field in shared)
        {
            // A variant may give a shared flag its own default (e.g. a smaller --lr for neural policies).
            var overrides = own.Where(o => o.Field.Name == field.Name && o.Field.DefaultText != field.DefaultText)
                .GroupBy(o => o.Field.DefaultText).Select(g => $"; {g.Key} for {string.Join(", ", g.Select(o => o.Algorithm))}");
            // A shared flag without a default (e.g. --tau: no regularised game) still shows the algorithms' own defaults.
            string overridden = string.Concat(overrides);
            string suffix = field.DefaultText is null && overridden.Length == 0 ? "" : $" [default: {field.DefaultText ?? "none"}{overridden}]";
            _flags.Add((NewOption(field, suffix), field.Name, everyone));
        }
        foreach (var group in own.Where(o => shared.All(s => s.Name != o.Field.Name)).GroupBy(o => o.Field.Name))
        {
            var algorithms = group.Select(g => g.Algorithm).ToHashSet();
            var defaults = group.Select(g => g.Field.DefaultText).Distinct().ToArray();
            string scope = defaults.Length == 1
                ? $" (algorithms: {string.Join(", ", algorithms)})" + Default(defaults[0])
                : " [default: " + string.Join("; ", group.Select(g => $"{g.Field.DefaultText ?? "tuned"} for {g.Algorithm}")) + "]";
            _flags.Add((NewOption(group.First().Field, scope), group.Key, algorithms));
        }
    }

    public IEnumerable<Option> Options => _flags.Select(f => f.Option);

    /// <summary>Every algorithm and variant a flag can apply to.</summary>
    public IReadOnlyCollection<string> Scopes => _flags.SelectMany(f => f.Algorithms).ToHashSet();

    /// <summary>How a variant of <paramref name="algorithm"/> for another policy class is named in flag scopes and errors.</summary>
    public static string VariantKey(string algorithm, PolicyKind policy) => $"{algorithm} --policy {OptionField.Format(policy)}";

    /// <summary>The values the user typed, by option name; a flag that applies to none of <paramref name="algorithms"/> is an error.</summary>
    public IReadOnlyDictionary<string, string> Given(ParseResult parse, IReadOnlyCollection<string> algorithms)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, name, applies) in _flags)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit)
                continue;
            if (!algorithms.Any(applies.Contains))
                throw new UsageException($"--{name} does not apply to {string.Join(", ", algorithms)} (only to {string.Join(", ", applies)})");
            values[name] = option is Option<bool> b ? (parse.GetValue(b) ? "true" : "false") : parse.GetValue((Option<string>)option)!;
        }
        return values;
    }

    /// <summary>The shared options and the algorithm's own options record, from the given values.</summary>
    public static (SelfPlayOptions Shared, object? Own) Build(AlgorithmDescriptor algorithm, IReadOnlyDictionary<string, string> values) =>
        ((SelfPlayOptions)OptionFields.Create(typeof(SelfPlayOptions), values),
         algorithm.OptionsType is null ? null : OptionFields.Create(algorithm.OptionsType, values));

    private static string Default(string? text) => text is null ? "" : $" [default: {text}]";

    /// <summary>A flag with the field's description followed by <paramref name="suffix"/> (scope and default).</summary>
    private static Option NewOption(OptionField field, string suffix)
    {
        string description = field.Description + suffix;
        if (field.IsSwitch)
            return new Option<bool>("--" + field.Name) { Description = description };
        return new Option<string>("--" + field.Name)
        {
            Description = description,
            HelpName = field.ValueName ?? (field.Choices.Count > 0 ? string.Join('|', field.Choices) : HelpName(field.Type)),
        };
    }

    private static string HelpName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(double) => "x",
        var t when t == typeof(int) => "n",
        var t when t == typeof(string) => "text",
        var t => t.Name.ToLowerInvariant(),
    };
}
