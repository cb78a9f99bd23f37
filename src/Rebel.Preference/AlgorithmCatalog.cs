using System.Reflection;

namespace Rebel.Preference;

/// <summary>
/// Every self-play algorithm by its <c>--algo</c> name: those of this library, found by their options records
/// (<see cref="IAlgorithmOptions"/>), and any another assembly registers (<see cref="Register(Assembly)"/>,
/// <see cref="Register(AlgorithmDescriptor)"/>), plus implementations of listed algorithms for other policy classes
/// (<see cref="Register(PolicyKind, AlgorithmDescriptor)"/>). Thread-safe.
/// </summary>
public static class AlgorithmCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<AlgorithmDescriptor> Listed = [];
    private static readonly HashSet<Assembly> Scanned = [];
    private static readonly Dictionary<(string Name, PolicyKind Policy), AlgorithmDescriptor> Variants = [];

    static AlgorithmCatalog() => Register(typeof(AlgorithmCatalog).Assembly);

    /// <summary>All algorithms, in listing order: this library's by <see cref="AlgorithmDescriptor.Order"/>, then the registered ones as they came.</summary>
    public static IReadOnlyList<AlgorithmDescriptor> All
    {
        get
        {
            lock (Gate)
                return Listed.ToArray();
        }
    }

    /// <summary>
    /// Registers every algorithm whose options record in <paramref name="assembly"/> implements <see cref="IAlgorithmOptions"/>,
    /// in the order of <see cref="AlgorithmDescriptor.Order"/> (then name). Registering an assembly again does nothing.
    /// </summary>
    /// <exception cref="ArgumentException">An algorithm's name is already taken by another algorithm, or one declares a shared option that <see cref="SelfPlayOptions"/> does not have.</exception>
    public static void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            if (!Scanned.Add(assembly))
                return;
            foreach (var descriptor in Discovery.Declared<AlgorithmDescriptor>(typeof(IAlgorithmOptions), assembly, nameof(IAlgorithmOptions.Algorithm)).OrderBy(d => d.Order).ThenBy(d => d.Name, StringComparer.Ordinal))
                Add(descriptor);
        }
    }

    /// <summary>Registers one algorithm under a new name (listed after those registered before). Registering the same descriptor again does nothing.</summary>
    /// <exception cref="ArgumentException">The name is already taken by another algorithm, or <see cref="AlgorithmDescriptor.SharedOptions"/> names no property of <see cref="SelfPlayOptions"/>.</exception>
    public static void Register(AlgorithmDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (Gate)
            Add(descriptor);
    }

    /// <summary>
    /// Registers the implementation of the listed algorithm <paramref name="descriptor"/>.Name for another policy class,
    /// e.g. neural policies from a library this one cannot reference. Registering the same pair again replaces it.
    /// </summary>
    /// <exception cref="ArgumentException">No listed algorithm has that name, or <see cref="AlgorithmDescriptor.SharedOptions"/> names no property of <see cref="SelfPlayOptions"/>.</exception>
    public static void Register(PolicyKind policy, AlgorithmDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _ = Find(descriptor.Name);
        CheckSharedOptions(descriptor);
        // The variant learns the policy class it is registered for, whatever its descriptor's default says.
        var variant = descriptor.Policies is { } policies && policies.Contains(policy) ? descriptor : descriptor with { Policies = [policy] };
        lock (Gate)
            Variants[(descriptor.Name, policy)] = variant;
    }

    /// <summary>The registered variants for other policy classes, in name order.</summary>
    public static IReadOnlyList<(PolicyKind Policy, AlgorithmDescriptor Descriptor)> RegisteredVariants
    {
        get
        {
            lock (Gate)
                return Variants.OrderBy(v => v.Key.Name, StringComparer.Ordinal).ThenBy(v => v.Key.Policy.Name, StringComparer.Ordinal).Select(v => (v.Key.Policy, v.Value)).ToArray();
        }
    }

    /// <summary>The implementation of <paramref name="name"/> for <paramref name="policy"/>: a registered variant, else the listed algorithm, else null.</summary>
    public static AlgorithmDescriptor? For(string name, PolicyKind policy)
    {
        lock (Gate)
            return Variants.TryGetValue((name, policy), out var variant) ? variant : Listed.FirstOrDefault(a => a.Name == name);
    }

    /// <summary>The algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static AlgorithmDescriptor Find(string name)
    {
        var all = All;
        return all.FirstOrDefault(a => a.Name == name)
            ?? throw new ArgumentException($"unknown algorithm '{name}' (known: {string.Join(", ", all.Select(a => a.Name))})", nameof(name));
    }

    /// <summary>The exact reference (<see cref="AlgorithmDescriptor.IsExactReference"/>): a run's default algorithm and the baseline of comparisons.</summary>
    public static AlgorithmDescriptor ExactReference => All.First(a => a.IsExactReference);

    /// <summary>Whether <paramref name="name"/> is the exact reference; false for a name the catalogue does not list.</summary>
    public static bool IsExactReference(string name) => All.Any(a => a.Name == name && a.IsExactReference);

    /// <summary>
    /// Refuses a declaration that names no shared option (e.g. the flag <c>query-budget</c> for the property
    /// <c>QueryBudget</c>), which would make every run of the algorithm refuse the option it means.
    /// </summary>
    private static void CheckSharedOptions(AlgorithmDescriptor descriptor)
    {
        var properties = Options.OptionFields.Of(typeof(SelfPlayOptions)).Select(f => f.Property.Name).ToHashSet(StringComparer.Ordinal);
        if (descriptor.SharedOptions.FirstOrDefault(o => !properties.Contains(o)) is { } unknown)
            throw new ArgumentException($"algorithm '{descriptor.Name}' declares '{unknown}', which is not a property of {nameof(SelfPlayOptions)}", nameof(descriptor));
    }

    private static void Add(AlgorithmDescriptor descriptor)
    {
        var existing = Listed.FirstOrDefault(a => a.Name == descriptor.Name);
        if (ReferenceEquals(existing, descriptor))
            return;
        CheckSharedOptions(descriptor);
        if (existing is not null)
            throw new ArgumentException($"algorithm '{descriptor.Name}' is already registered (by {existing.OptionsType?.FullName ?? "a descriptor without options"})", nameof(descriptor));
        Listed.Add(descriptor);
    }
}
