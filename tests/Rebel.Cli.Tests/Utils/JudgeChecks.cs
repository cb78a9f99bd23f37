using System.Security.Cryptography;
using System.Text.Json;

namespace Rebel.Cli.Tests.Utils;

/// <summary>What the judge tests assert after every command: one line and its exit code, no judge left running, files unchanged.</summary>
internal static partial class JudgeChecks
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\S+ \d+/\d+ ")]
    private static partial System.Text.RegularExpressions.Regex Progress();

    public static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Judges", "cyclic_judge.py");

    /// <summary>
    /// Exit code 2 and one line on stderr (besides progress lines, "algo i/T ...") that starts with "rebel: " and names
    /// every one of <paramref name="named"/>.
    /// </summary>
    public static string OneLineError(RebelProcess.Result r, params string[] named)
    {
        Assert.True(r.ExitCode == 2, $"exit code {r.ExitCode}: {r.Stderr}");
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !Progress().IsMatch(l)).ToArray();
        Assert.Single(lines);
        Assert.StartsWith("rebel: ", lines[0], StringComparison.Ordinal);
        foreach (string n in named)
            Assert.Contains(n, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        return lines[0];
    }

    /// <summary>The processes (other than this one) whose command line holds <paramref name="token"/>, e.g. a test's temp directory.</summary>
    public static string[] Running(string token) =>
        Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d)!).Where(p => p.All(char.IsDigit) && p != Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(p =>
            {
                try
                {
                    string cmd = File.ReadAllText($"/proc/{p}/cmdline").Replace('\0', ' ');
                    // A zombie has an empty command line and has ended.
                    return cmd.Contains(token, StringComparison.Ordinal) ? $"{p}: {cmd}" : null;
                }
                catch (IOException)
                {
                    return null;
                }
                catch (UnauthorizedAccessException)
                {
                    return null;
                }
            }).OfType<string>().ToArray();

    /// <summary>Asserts, after a grace of up to <paramref name="seconds"/> for a group being killed, that no process names <paramref name="token"/>.</summary>
    public static void NoneLeft(string token, double seconds = 3)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Running(token).Length > 0 && clock.Elapsed.TotalSeconds < seconds)
            Thread.Sleep(50);
        Assert.Empty(Running(token));
    }

    /// <summary>Every file under <paramref name="root"/> with its SHA-256, lock files included.</summary>
    public static Dictionary<string, string> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>The metrics of a run without their wall-clock seconds, which differ between runs.</summary>
    public static List<string> Metrics(string path) =>
        File.ReadLines(path).Select(l =>
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(l)!;
            fields.Remove("seconds");
            return JsonSerializer.Serialize(fields);
        }).ToList();
}
