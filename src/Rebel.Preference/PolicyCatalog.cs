using System.Reflection;
using Rebel.Games;
using Rebel.Preference.Policies;

namespace Rebel.Preference;

/// <summary>
/// The policy classes an algorithm that fits any <see cref="IPolicyModel"/> can learn: this library's, found by
/// <see cref="IPolicyClass"/>, and those other assemblies register. Thread-safe.
/// </summary>
public static class PolicyCatalog
{
    private static readonly Lock Gate = new();
    // In registration order: this library's by PolicyDescriptor.Order, then the registered ones as they came.
    private static readonly List<PolicyDescriptor> Classes = [];
    private static readonly HashSet<Assembly> Scanned = [];

    static PolicyCatalog() => Register(typeof(PolicyCatalog).Assembly);

    /// <summary>The registered policy classes, in listing order: an assembly's by <see cref="PolicyDescriptor.Order"/>, then as registered.</summary>
    public static IReadOnlyList<PolicyKind> Kinds
    {
        get
        {
            lock (Gate)
                return Classes.Select(c => c.Kind).ToArray();
        }
    }

    /// <summary>Whether <paramref name="kind"/> is registered.</summary>
    public static bool Contains(PolicyKind kind)
    {
        lock (Gate)
            return Classes.Any(c => c.Kind == kind);
    }

    /// <summary>Registers every class of <paramref name="assembly"/> that implements <see cref="IPolicyClass"/> (again: nothing).</summary>
    public static void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            if (!Scanned.Add(assembly))
                return;
            foreach (var policy in Discovery.Declared<PolicyDescriptor>(typeof(IPolicyClass), assembly, nameof(IPolicyClass.Policy)).OrderBy(p => p.Order).ThenBy(p => p.Kind.Name, StringComparer.Ordinal))
                Put(policy);
        }
    }

    /// <summary>Registers (or replaces) the policy class <paramref name="policy"/>.Kind.</summary>
    public static void Register(PolicyDescriptor policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (Gate)
            Put(policy);
    }

    /// <summary>Adds <paramref name="policy"/>, or replaces the class of its key where it was listed.</summary>
    private static void Put(PolicyDescriptor policy)
    {
        int at = Classes.FindIndex(c => c.Kind == policy.Kind);
        if (at < 0)
            Classes.Add(policy);
        else
            Classes[at] = policy;
    }

    /// <summary>The uniform policy of class <paramref name="kind"/> on <paramref name="game"/>.</summary>
    /// <exception cref="OptionException">No such policy class is registered (names <see cref="SelfPlayOptions.Policy"/>).</exception>
    public static IPolicyModel Create(PolicyKind kind, TabularGame game)
    {
        PolicyDescriptor? policy;
        lock (Gate)
            policy = Classes.Find(c => c.Kind == kind);
        return policy is null
            ? throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Policy), kind, $"no such policy class is registered (known: {string.Join(", ", Kinds)})")
            : policy.Create(game);
    }
}
