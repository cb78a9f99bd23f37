namespace Rebel.Preference.Policies;

/// <summary>
/// A policy class that algorithms fitting any <see cref="IPolicyModel"/> (REBEL) can learn. The class names itself
/// (<see cref="Policy"/>), so that <see cref="PolicyCatalog.Register(System.Reflection.Assembly)"/> finds it: adding a
/// policy class is its class, under a <see cref="PolicyKind"/> key of its own.
/// </summary>
public interface IPolicyClass
{
    /// <summary>The policy class as the catalogue lists it.</summary>
    static abstract PolicyDescriptor Policy { get; }
}
