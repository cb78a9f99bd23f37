using System.Globalization;
using System.Text;

namespace Rebel.Cli.Output;

/// <summary>Default run-directory names.</summary>
internal static class RunDirectories
{
    /// <summary><c>&lt;game&gt;-&lt;algo&gt;-s&lt;seed&gt;</c>, with the spec's punctuation and path separators made file-name safe.</summary>
    public static string Name(string spec, string algorithm, ulong seed) => string.Create(CultureInfo.InvariantCulture, $"{Game(spec)}-{algorithm}-s{seed}");

    /// <summary>The game part of a run directory's name: a file's name without extension, or the spec, made file-name safe.</summary>
    public static string Game(string spec)
    {
        string game = Rebel.Games.GameSource.IsFile(spec) ? Path.GetFileNameWithoutExtension(spec) : spec;
        var sb = new StringBuilder();
        foreach (char c in game)
            sb.Append(char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        return sb.ToString();
    }

    /// <summary><paramref name="path"/> if it is free or empty, else the first free <c>path-2</c>, <c>path-3</c>, ….</summary>
    public static string Fresh(string path)
    {
        string candidate = path;
        for (int i = 2; IsTaken(candidate); i++)
            candidate = string.Create(CultureInfo.InvariantCulture, $"{path}-{i}");
        return candidate;
    }

    private static bool IsTaken(string path) => File.Exists(path) || Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();
}
