using System.IO.Compression;
using System.Xml.Linq;
using Rebel.Cli.Tests.Utils;

namespace Rebel.Cli.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of the solution (already built by the test run, so it only packs: a few seconds) gives one
/// package per library and the CLI as a .NET tool, each with its metadata, README and XML docs.
/// </summary>
public class PackagesTests
{
    private static readonly string[] Libraries = ["Rebel.Games", "Rebel.Preference", "Rebel.Runs", "Rebel.Torch", "Rebel.Neural"];

    [Fact]
    public void Pack_gives_the_libraries_and_the_tool_with_docs_readme_and_metadata()
    {
        string root = Repository.Root;
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        using var dir = new TempDirectory();
        var r = RebelProcess.RunDotnet(root, TimeSpan.FromMinutes(3), "pack", Path.Combine(root, "Rebel.sln"), "-c", output.Parent!.Name, "--no-build", "--nologo", "-o", dir.Path);
        Assert.True(r.ExitCode == 0, $"dotnet pack exited {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        string version = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
        var packages = Directory.GetFiles(dir.Path, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([.. Libraries.Append("Rebel.Cli").Order(StringComparer.Ordinal).Select(n => $"{n}.{version}.nupkg")], packages);
        foreach (string name in Libraries.Append("Rebel.Cli"))
        {
            using var zip = ZipFile.OpenRead(Path.Combine(dir.Path, $"{name}.{version}.nupkg"));
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            string folder = name == "Rebel.Cli" ? "tools/net10.0/any" : "lib/net10.0";
            string assembly = name == "Rebel.Cli" ? "rebel" : name;
            Assert.Contains($"{folder}/{assembly}.dll", entries);
            Assert.Contains($"{folder}/{assembly}.xml", entries);
            Assert.Contains("README.md", entries);
            using var nuspec = zip.GetEntry($"{name}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string field) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == field)?.Value ?? "";
            Assert.Equal(name, Field("id"));
            Assert.Equal(version, Field("version"));
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.NotEmpty(Field("authors"));
            Assert.True(Field("description").Length > 20, $"{name} has no description");
        }
    }
}
