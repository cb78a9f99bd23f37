using System.Reflection;

namespace Rebel.Preference;

/// <summary>Finds the values that the types of an assembly declare through an interface's static abstract property (a typed registry's entries).</summary>
internal static class Discovery
{
    /// <summary>The value of <paramref name="contract"/>'s static property <paramref name="property"/> on every concrete type of <paramref name="assembly"/> that implements it.</summary>
    public static IEnumerable<TValue> Declared<TValue>(Type contract, Assembly assembly, string property)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // An assembly whose optional dependencies are absent still registers the types that load.
            types = e.Types.OfType<Type>().ToArray();
        }
        foreach (var type in types.Where(t => t is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false } && contract.IsAssignableFrom(t)))
        {
            var map = type.GetInterfaceMap(contract);
            int getter = Array.FindIndex(map.InterfaceMethods, m => m.Name == "get_" + property);
            yield return (TValue)map.TargetMethods[getter].Invoke(null, null)!;
        }
    }
}
