using System.Globalization;
using System.Text.RegularExpressions;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Examples;

/// <summary>
/// Every <c>rebel …</c> command in a <c>```sh</c> block of the README and of docs/*.md runs as written and exits 0,
/// with only its horizons shortened (iterations and seeds capped, so the whole set takes seconds, not hours), in a
/// fresh directory that sees the repository's docs/ and examples/ so that the files the examples name are there.
/// The commands of one file run in order in one directory, since later ones use what earlier ones wrote
/// (<c>--resume runs/omwu</c>, <c>--pref-model fitted.json</c>). <c>scripts/install.sh</c>, which the README's
/// set-up runs, is checked to install a working <c>rebel</c> into a tool path.
/// </summary>
public partial class DocumentedCommandsTests
{
    public static TheoryData<string> Documents() => new(DocumentsWithCommands());

    private static string[] DocumentsWithCommands() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")
                .Select(f => Path.GetRelativePath(Repository.Root, f)).Order(StringComparer.Ordinal))
            .Where(d => Commands(d).Length > 0).ToArray();

    /// <summary>The <c>rebel</c> command lines of the <c>```sh</c> blocks of <paramref name="document"/>, continuations joined.</summary>
    internal static string[] Commands(string document)
    {
        string text = File.ReadAllText(Path.Combine(Repository.Root, document)).ReplaceLineEndings("\n");
        return ShellBlock().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            .Where(l => l.StartsWith("rebel ", StringComparison.Ordinal) || l == "rebel")
            .ToArray();
    }

    /// <summary>Caps every horizon in <paramref name="command"/>: at most 10 iterations, 2 seeds.</summary>
    internal static string Shortened(string command)
    {
        string capped = Horizon().Replace(command, m => $"{m.Groups[1].Value} {Math.Min(10, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))}");
        capped = Seeds().Replace(capped, m => $"--seeds {Math.Min(2, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))}");
        // A command without a horizon runs its default T = 1000; the examples that rely on it are short but for neural ones.
        return capped.Contains("--policy neural", StringComparison.Ordinal) && !Horizon().IsMatch(capped)
            ? capped.Replace("--policy neural", "--policy neural -T 10", StringComparison.Ordinal)
            : capped;
    }

    [Fact]
    public void The_readme_and_the_docs_have_commands_and_the_shortening_caps_horizons()
    {
        Assert.Contains("README.md", DocumentsWithCommands());
        Assert.Contains(Path.Combine("docs", "judge-protocol.md"), DocumentsWithCommands());
        Assert.Equal("rebel compare --seeds 2 -T 10 --iterations 10 --x", Shortened("rebel compare --seeds 5 -T 40 --iterations 2000 --x"));
        Assert.Equal("rebel selfplay --policy neural -T 10 --seed 1", Shortened("rebel selfplay --policy neural --seed 1"));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_documented_command_runs(string document)
    {
        using var dir = new TempDirectory();
        foreach (string shared in new[] { "docs", "examples" })
            Directory.CreateSymbolicLink(Path.Combine(dir.Path, shared), Path.Combine(Repository.Root, shared));
        var rebel = new Dictionary<string, string> { ["REBEL_DLL"] = RebelProcess.Dll };
        foreach (string command in Commands(document))
        {
            string shortened = Shortened(command);
            var r = RebelProcess.RunProgram("bash", dir.Path, TimeSpan.FromMinutes(3), rebel, "-c", $"set -eo pipefail; rebel() {{ dotnet \"$REBEL_DLL\" \"$@\"; }}; {shortened}");
            Assert.True(r.ExitCode == 0, $"{document}: '{shortened}' exited {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
        }
    }

    [Fact]
    public void The_install_script_installs_a_rebel_that_runs()
    {
        using var dir = new TempDirectory();
        string tools = Path.Combine(dir.Path, "tools");
        var install = RebelProcess.RunProgram("bash", dir.Path, TimeSpan.FromMinutes(5), null, Path.Combine(Repository.Root, "scripts", "install.sh"), "--tool-path", tools);
        Assert.True(install.ExitCode == 0, $"scripts/install.sh exited {install.ExitCode}: {install.Stderr}");
        var games = RebelProcess.RunProgram(Path.Combine(tools, "rebel"), dir.Path, TimeSpan.FromMinutes(1), null, "games");
        Assert.Equal(0, games.ExitCode);
        Assert.Contains("weighted-rps", games.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"(-T|--iterations) ([0-9]+)")]
    private static partial Regex Horizon();

    [GeneratedRegex(@"--seeds ([0-9]+)")]
    private static partial Regex Seeds();
}
