using System.CommandLine;
using Rebel.Cli.Utils;
using Rebel.Preference;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel algorithms</c>: the catalogue, each algorithm with its own options and their defaults.</summary>
internal static class AlgorithmsCommand
{
    public static Command Create()
    {
        var command = new Command("algorithms", "List the self-play algorithms (--algo) with their own options.");
        command.SetAction(_ =>
        {
            foreach (var a in AlgorithmCatalog.All)
                Print(a.Name, a);
            foreach (var (policy, a) in AlgorithmCatalog.RegisteredVariants)
                Print(AlgorithmFlags.VariantKey(a.Name, policy), a);
            return 0;
        });
        return command;
    }

    private static void Print(string name, AlgorithmDescriptor a)
    {
        Console.WriteLine($"{name} — {a.Description}");
        foreach (var f in a.OptionsType is null ? [] : OptionFields.Of(a.OptionsType))
            // An option without a fixed default (a tuned η, an optional tokenizer) says what it defaults to in its description.
            Console.WriteLine($"    {"--" + f.Name + (f.DefaultText is { } d ? "=" + d : ""),-22} {f.Description}");
    }
}
