using System.Collections.Concurrent;
using System.Reflection;

namespace Rebel.Preference.Options;

/// <summary>
/// Reflection over options records: the fields marked with <see cref="OptionAttribute"/>, and building a record
/// from user-typed values, so that the CLI and run configs stay generated from the records themselves.
/// </summary>
public static class OptionFields
{
    // Once per type and process: the reflection is cheap once, but the runtime compiles a stub for every property
    // accessor called twice, and a sweep asked each type for its fields once per run (340 stubs, a tenth of its CPU).
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<OptionField>> Fields = new();

    /// <summary>The option fields of <paramref name="recordType"/>, in declaration order.</summary>
    /// <exception cref="ArgumentException">The type has no public parameterless constructor.</exception>
    public static IReadOnlyList<OptionField> Of(Type recordType)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        return Fields.GetOrAdd(recordType, Read);
    }

    private static IReadOnlyList<OptionField> Read(Type recordType)
    {
        object defaults = NewRecord(recordType);
        return recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OptionAttribute>()))
            .Where(x => x.Attribute is not null)
            .OrderBy(x => Order(x.Property))
            .Select(x => new OptionField(x.Attribute!, x.Property, x.Property.GetValue(defaults)))
            .ToArray()
            .AsReadOnly();
    }

    // Declaration order: the metadata token, which the native build (NativeAOT) does not keep; there the properties
    // already come in declaration order (its --help and config files are the same as the JIT build's).
    private static int Order(PropertyInfo property)
    {
        try
        {
            return property.MetadataToken;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A record of <paramref name="recordType"/> with the given fields set from their text and every other field
    /// at its default. Names the record does not have are ignored, so one set of flags can feed several records.
    /// </summary>
    /// <exception cref="FormatException">A value does not parse; the message names the option.</exception>
    public static object Create(Type recordType, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        object record = NewRecord(recordType);
        foreach (var field in Of(recordType))
            if (values.TryGetValue(field.Name, out var text))
                field.Property.SetValue(record, field.Parse(text));
        return record;
    }

    private static object NewRecord(Type recordType) =>
        Activator.CreateInstance(recordType)
        ?? throw new ArgumentException($"options type {recordType.Name} cannot be created", nameof(recordType));
}
