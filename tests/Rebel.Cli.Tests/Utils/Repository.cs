namespace Rebel.Cli.Tests.Utils;

/// <summary>The repository the tests were built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding Rebel.sln, above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rebel.sln")))
                return dir.FullName;
        throw new InvalidOperationException("the repository root (Rebel.sln) is not above the test assembly");
    }
}
