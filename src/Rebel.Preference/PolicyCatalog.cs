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
    private static readonly Dictionary<PolicyKind, PolicyDescriptor> Classes = [];
    private static readonly HashSet<Assembly> Scanned = [];

    static PolicyCatalog() => Register(typeof(PolicyCatalog).Assembly);

    /// <summary>The registered policy classes, in <see cref="PolicyKind"/> order.</summary>
    public static IReadOnlyList<PolicyKind> Kinds
    {
        get
        {
            lock (Gate)
                return Classes.Keys.Order().ToArray();
        }
    }

    /// <summary>Whether <paramref name="kind"/> is registered.</summary>
    public static bool Contains(PolicyKind kind)
    {
        lock (Gate)
            return Classes.ContainsKey(kind);
    }

    /// <summary>Registers every class of <paramref name="assembly"/> that implements <see cref="IPolicyClass"/> (again: nothing).</summary>
    public static void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            if (!Scanned.Add(assembly))
                return;
            foreach (var policy in Discovery.Declared<PolicyDescriptor>(typeof(IPolicyClass), assembly, nameof(IPolicyClass.Policy)))
                Classes[policy.Kind] = policy;
        }
    }

    /// <summary>Registers (or replaces) the policy class <paramref name="policy"/>.Kind.</summary>
    public static void Register(PolicyDescriptor policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (Gate)
            Classes[policy.Kind] = policy;
    }

    /// <summary>The uniform policy of class <paramref name="kind"/> on <paramref name="game"/>.</summary>
    /// <exception cref="OptionException">No such policy class is registered (names <see cref="SelfPlayOptions.Policy"/>).</exception>
    public static IPolicyModel Create(PolicyKind kind, TabularGame game)
    {
        PolicyDescriptor? policy;
        lock (Gate)
            Classes.TryGetValue(kind, out policy);
        return policy is null
            ? throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Policy), kind, $"no such policy class is registered (known: {string.Join(", ", Kinds)})")
            : policy.Create(game);
    }
}
