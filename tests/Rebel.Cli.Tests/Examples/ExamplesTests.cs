using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Examples;

/// <summary>
/// Every program under examples/ runs to exit code 0 (each checks its own result before it does), and the README's
/// library snippet is the Quickstart example word for word, so that it compiles as written. The test project
/// references every examples/*/*.csproj, so the examples are built before these tests run.
/// </summary>
public class ExamplesTests
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<string> Examples() => new(ExampleNames());

    private static string[] ExampleNames() =>
        Directory.EnumerateDirectories(Path.Combine(Root, "examples"))
            .Select(d => Path.GetFileName(d)!)
            .Where(name => File.Exists(Path.Combine(Root, "examples", name, name + ".csproj")))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void The_examples_are_there()
    {
        var examples = ExampleNames();
        Assert.Contains("Quickstart", examples);
        Assert.Contains("CustomAlgorithm", examples);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_exits_0(string name)
    {
        // Built beside the tests, in the same configuration (…/bin/<Configuration>/<framework>/).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string dll = Path.Combine(Root, "examples", name, "bin", output.Parent!.Name, output.Name, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built (the test project references every examples/*/*.csproj)");
        using var dir = new TempDirectory();
        var r = RebelProcess.RunDotnet(dir.Path, TimeSpan.FromMinutes(3), dll);
        Assert.True(r.ExitCode == 0, $"examples/{name} exited {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
    }

    [Fact]
    public void The_readme_library_snippet_is_the_quickstart_example()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        int section = readme.IndexOf("\n## Using the library\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Using the library' section");
        const string Fence = "```csharp\n";
        int start = readme.IndexOf(Fence, section, StringComparison.Ordinal) + Fence.Length;
        int end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        string program = File.ReadAllText(Path.Combine(Root, "examples", "Quickstart", "Program.cs")).ReplaceLineEndings("\n");
        Assert.Equal(program, readme[start..end]);
    }
}
