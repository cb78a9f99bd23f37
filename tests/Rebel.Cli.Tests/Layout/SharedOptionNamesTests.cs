using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;
using Rebel.Preference;
using Rebel.Preference.Options;

namespace Rebel.Cli.Tests.Layout;

/// <summary>
/// The shared options an algorithm uses are declared once, on its descriptor (<see cref="AlgorithmDescriptor.SharedOptions"/>,
/// issue 20), and named in code by <c>nameof(SelfPlayOptions.X)</c>, which the compiler checks: a string naming a
/// shared option (its flag, <c>"query-budget"</c>, or its property, <c>"QueryBudget"</c>) is the second list the
/// issue removed. In the library and the examples no such string is written at all, outside the record that declares
/// them; in the tests no statement lists two or more of them, outside the tests whose subject is the options' text.
/// Comments, raw string literals (JSON, whose keys are the options' text form) and the names of an options record's
/// own <c>[Option("…")]</c> attributes (a flag the record shares with the shared options) are not names in code.
/// </summary>
public sealed partial class SharedOptionNamesTests
{
    /// <summary>The file that declares the shared options: its attributes and its run-level list name them.</summary>
    private const string Declaration = "src/Rebel.Preference/SelfPlayOptions.cs";

    /// <summary>Strings of the library that coincide with an option's name but mean something else, with what they mean.</summary>
    private static readonly Dictionary<(string File, string Literal), string> AllowedLiterals = new()
    {
        [("src/Rebel.Preference/Algorithms/SampledSelfPlay.cs", "samples")] = "the metric 'samples': responses drawn in the iteration",
        [("src/Rebel.Neural/SelfPlay/NeuralSelfPlay.cs", "samples")] = "the metric and checkpoint field 'samples': responses drawn",
        [("src/Rebel.Games/Judges/JudgeProcess.cs", "pairs")] = "the judge protocol's request field 'pairs'",
        [("src/Rebel.Cli/Commands/SolveCommand.cs", "policy")] = "solve's output field 'policy': the solved policy",
        [("src/Rebel.Cli/Commands/SolveCommand.cs", "tau")] = "solve's output field 'tau': the τ it solved at",
    };

    /// <summary>Tests whose subject is the options' text form, so that they list options by name, with that subject.</summary>
    private static readonly Dictionary<string, string> AllowedLists = new(StringComparer.Ordinal)
    {
        ["tests/Rebel.Preference.Tests/Options/OptionFieldsTests.cs"] = "parses options from their text, by flag",
        ["tests/Rebel.Runs.Tests/SweepTests.cs"] = "a sweep's grid is keyed by option name",
        ["tests/Rebel.Cli.Tests/Commands/SweepCommandTests.cs"] = "a sweep's grid is keyed by option name",
        ["tests/Rebel.Cli.Tests/Layout/SharedOptionNamesTests.cs"] = "this test: its allowed strings and its own check of the rules",
    };

    [Fact]
    public void The_library_and_the_examples_write_no_shared_option_name_as_a_string()
    {
        var names = Names();
        var found = new List<string>();
        foreach (var (relative, text) in Files("src", "examples"))
        {
            if (relative == Declaration)
                continue;
            foreach (var literal in Literals(text))
                if (names.Contains(literal.Value) && !AllowedLiterals.ContainsKey((relative, literal.Value)))
                    found.Add($"{relative}:{Line(text, literal.Index)}: \"{literal.Value}\"");
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void No_test_lists_shared_options_by_name()
    {
        var names = Names();
        var found = new List<string>();
        foreach (var (relative, text) in Files("tests"))
        {
            if (AllowedLists.ContainsKey(relative))
                continue;
            foreach (var statement in Statements(text))
            {
                var listed = statement.Where(l => names.Contains(l.Value)).ToArray();
                if (listed.Select(l => l.Value).Distinct(StringComparer.Ordinal).Count() >= 2)
                    found.Add($"{relative}:{Line(text, listed[0].Index)}: {string.Join(", ", listed.Select(l => $"\"{l.Value}\""))}");
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void The_rules_see_a_list_and_a_single_name_but_not_comments_json_or_attributes()
    {
        var names = Names();
        const string code = """
            // "eta", "samples" in a comment
            [Option("eta", "its own step")] public double? Eta { get; init; }
            string json = \"\"\"{"eta": 1, "samples": 4}\"\"\";
            var used = new[] { "eta", "query-budget" };
            used.Add("QueryBudget");
            """;
        string text = code.Replace("\\\"", "\"", StringComparison.Ordinal);
        Assert.Equal(["eta", "query-budget", "QueryBudget"], Literals(text).Select(l => l.Value).Where(names.Contains));
        Assert.Single(Statements(text), s => s.Count(l => names.Contains(l.Value)) >= 2);
    }

    /// <summary>Every shared option's flag and property name.</summary>
    private static HashSet<string> Names() =>
        OptionFields.Of(typeof(SelfPlayOptions)).SelectMany(f => new[] { f.Name, f.Property.Name }).ToHashSet(StringComparer.Ordinal);

    /// <summary>The C# files under the repository's <paramref name="folders"/>, by path relative to the root, with their text.</summary>
    private static IEnumerable<(string Relative, string Text)> Files(params string[] folders)
    {
        foreach (string folder in folders)
            foreach (string path in Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
                if (!relative.Contains("/obj/", StringComparison.Ordinal) && !relative.Contains("/bin/", StringComparison.Ordinal))
                    yield return (relative, File.ReadAllText(path));
            }
    }

    /// <summary>The regular and verbatim string literals of <paramref name="text"/> that are names in code, with their positions.</summary>
    private static IEnumerable<(string Value, int Index)> Literals(string text) => Statements(text).SelectMany(s => s);

    /// <summary>The statements of <paramref name="text"/> (split at each semicolon in code), each as its string literals.</summary>
    private static List<List<(string Value, int Index)>> Statements(string text)
    {
        var statements = new List<List<(string Value, int Index)>> { new() };
        foreach (Match m in Token().Matches(text))
        {
            if (m.Value == ";")
                statements.Add([]);
            else if (m.Groups["regular"].Success && !AttributeName().IsMatch(text[Math.Max(0, m.Index - 16)..m.Index]))
                statements[^1].Add((m.Groups["regular"].Value, m.Index));
            else if (m.Groups["verbatim"].Success)
                statements[^1].Add((m.Groups["verbatim"].Value.Replace("\"\"", "\"", StringComparison.Ordinal), m.Index));
        }
        return statements;
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>
    /// One token, scanned left to right so that none starts inside another: a comment, a raw literal (as many closing
    /// quotes as opening), a verbatim or regular literal, a character literal (<c>'"'</c> opens nothing), or a semicolon.
    /// </summary>
    [GeneratedRegex("""//[^\n]*|/\*[\s\S]*?\*/|(?<quotes>"{3,})[\s\S]*?\k<quotes>|@"(?<verbatim>(?:[^"]|"")*)"|"(?<regular>(?:[^"\\\n]|\\.)*)"|'(?:[^'\\\n]|\\.)+'|;""")]
    private static partial Regex Token();

    /// <summary>What precedes the name of an <c>[Option("…")]</c> attribute.</summary>
    [GeneratedRegex("""\bOption\(\s*$""")]
    private static partial Regex AttributeName();
}
