using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using Rebel.Preference;

namespace Rebel.Cli.Tests.Layout;

/// <summary>
/// Each algorithm is defined once (issue 20): no source file outside the algorithm's own files (its class, its options
/// record, its sampled or exact form) names it; the catalogue, the CLI, the runs and the plots ask its descriptor.
/// </summary>
public sealed partial class AlgorithmNamesTests
{
    /// <summary>Files that may hold an algorithm's name as a string for another reason, with that reason.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Rebel.Cli/RebelCli.cs"] = "\"rebel\" is the program's name",
        ["src/Rebel.Runs/Json/RunConfigJson.cs"] = "\"rebel\" is the program's key in a config's versions",
        ["src/Rebel.Cli/Commands/SelfPlayCommand.cs"] = "--algo's default, shown in the help",
        ["src/Rebel.Neural/SelfPlay/NeuralAlgorithms.cs"] = "the neural variants' own file: it declares which algorithms have one",
    };

    [Fact]
    public void No_source_file_names_an_algorithm_outside_its_own_files()
    {
        var owners = AlgorithmCatalog.All.ToDictionary(a => a.Name, a => a.OptionsType?.Name.Replace("Options", "", StringComparison.Ordinal) ?? "");
        Assert.NotEmpty(owners);
        string src = Path.Combine(Repository.Root, "src");
        var found = new List<string>();
        foreach (string path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || Allowed.ContainsKey(relative))
                continue;
            string file = Path.GetFileName(path);
            foreach (Match m in Literal().Matches(File.ReadAllText(path)))
            {
                string name = m.Groups[1].Value;
                if (owners.TryGetValue(name, out string? prefix)
                    && !(prefix.Length > 0 && (file.StartsWith(prefix, StringComparison.Ordinal) || file.StartsWith("Sampled" + prefix, StringComparison.Ordinal) || file.StartsWith("Exact" + prefix, StringComparison.Ordinal))))
                    found.Add($"{relative}: \"{name}\"");
            }
        }
        Assert.Empty(found);
    }

    [GeneratedRegex("\"([a-z][a-z0-9-]*)\"")]
    private static partial Regex Literal();
}
