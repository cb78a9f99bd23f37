using System.CommandLine;
using System.Text.Json;
using Rebel.Cli.Arguments;
using Rebel.Cli.Output;
using Rebel.Cli.Terminal;
using Rebel.Preference.Options;
using Rebel.Preference;

namespace Rebel.Cli.Commands;

/// <summary>
/// <c>rebel algorithms</c>: the catalogue, each algorithm with what it promises (<see cref="AlgorithmDescriptor.Guarantee"/>),
/// the shared options it uses (<see cref="AlgorithmDescriptor.SharedOptions"/>; the run-level ones apply to all) and its
/// own options with their defaults; <c>--format json</c> writes the same as one JSON object.
/// </summary>
internal static class AlgorithmsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "output: table (for reading) or json (one JSON object)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("algorithms", "List the self-play algorithms (--algo) with what each converges to, the shared options each uses, and their own options.") { format };
        command.SetAction(parse =>
        {
            var listed = AlgorithmCatalog.All.Select(a => (Name: a.Name, Descriptor: a))
                .Concat(AlgorithmCatalog.RegisteredVariants.Select(v => (Name: AlgorithmFlags.VariantKey(v.Descriptor.Name, v.Policy), v.Descriptor)))
                .ToArray();
            if (parse.GetValue(format) == "json")
                WriteJson(listed);
            else
                foreach (var (name, a) in listed)
                    Print(name, a);
            return 0;
        });
        return command;
    }

    private static void Print(string name, AlgorithmDescriptor a)
    {
        Console.WriteLine($"{name} — {a.Description} [{AlgorithmDescriptor.Describe(a.Guarantee)}]");
        Console.WriteLine($"    shared: {(a.SharedFields.Count == 0 ? "none" : string.Join(", ", a.SharedFields.Select(f => "--" + f.Name)))}");
        foreach (var f in Fields(a))
            // An option without a fixed default (a tuned η, an optional tokenizer) says what it defaults to in its description.
            Console.WriteLine($"    {"--" + f.Name + (f.DefaultText is { } d ? "=" + d : ""),-22} {f.Description}");
    }

    private static void WriteJson(IEnumerable<(string Name, AlgorithmDescriptor Descriptor)> listed)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("algorithms");
            foreach (var (name, a) in listed)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("description", a.Description);
                w.WriteString("guarantee", AlgorithmDescriptor.Describe(a.Guarantee));
                w.WriteStartArray("shared_options");
                foreach (var f in a.SharedFields)
                    w.WriteStringValue(f.Name);
                w.WriteEndArray();
                w.WriteStartArray("options");
                foreach (var f in Fields(a))
                {
                    w.WriteStartObject();
                    w.WriteString("name", f.Name);
                    w.WriteString("default", f.DefaultText);
                    w.WriteString("description", f.Description);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static IReadOnlyList<OptionField> Fields(AlgorithmDescriptor a) => a.OptionsType is null ? [] : OptionFields.Of(a.OptionsType);
}
