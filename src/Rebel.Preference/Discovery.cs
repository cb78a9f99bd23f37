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
            yield return (TValue)StaticValue(type, contract, property)!;
    }

    /// <summary>
    /// <paramref name="type"/>'s value of <paramref name="contract"/>'s static abstract property <paramref name="property"/>:
    /// a public static property of that name, else (an explicit implementation) the one the interface map names. The
    /// property comes first because the native build (NativeAOT, scripts/publish-native.sh) has no interface map for
    /// static members.
    /// </summary>
    public static object? StaticValue(Type type, Type contract, string property)
    {
        var declared = type.GetProperty(property, BindingFlags.Public | BindingFlags.Static);
        if (declared is not null)
            return declared.GetValue(null);
        var map = type.GetInterfaceMap(contract);
        int getter = Array.FindIndex(map.InterfaceMethods, m => m.Name == "get_" + property);
        return map.TargetMethods[getter].Invoke(null, null);
    }
}
