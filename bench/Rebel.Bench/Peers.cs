using System.Diagnostics;
using System.Globalization;

namespace Rebel.Bench;

/// <summary>The Python peers of <c>shared/peers</c>, run with <c>/usr/bin/python3</c> (numpy + scipy).</summary>
public sealed class Peers
{
    private const string Python = "/usr/bin/python3";

    private Peers(string directory) => Directory = directory;

    /// <summary>The folder holding <c>md_numpy.py</c>, <c>mw_scipy.py</c> and <c>game_json.py</c>.</summary>
    public string Directory { get; }

    /// <summary>Finds the peers (<c>$REBEL_PEERS</c>, or a <c>shared/peers</c> folder above the working directory) when Python with numpy and scipy runs.</summary>
    public static Peers? Find()
    {
        string? dir = Environment.GetEnvironmentVariable("REBEL_PEERS");
        for (var d = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is null && d is not null; d = d.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(d.FullName, "shared", "peers"), Path.Combine(d.FullName, "peers") })
                if (File.Exists(Path.Combine(candidate, "md_numpy.py")))
                    dir = candidate;
        }
        if (dir is null || !File.Exists(Python))
            return null;
        var peers = new Peers(dir);
        return peers.Run(["-c", "import numpy, scipy"], TimeSpan.FromSeconds(60)) is null ? null : peers;
    }

    /// <summary>Runs a peer script; returns its <c>key=value</c> output fields, or null on failure or timeout.</summary>
    public Dictionary<string, string>? Script(string script, TimeSpan timeout, params string[] arguments) =>
        Run([Path.Combine(Directory, script), .. arguments], timeout) is { } output ? Fields(output) : null;

    /// <summary>Runs Python code given inline (<c>python3 -c</c>); returns its <c>key=value</c> output fields, or null on failure or timeout.</summary>
    public Dictionary<string, string>? Code(string code, TimeSpan timeout, params string[] arguments) =>
        Run(["-c", code, .. arguments], timeout) is { } output ? Fields(output) : null;

    /// <summary>A numeric field of a peer's output.</summary>
    public static double Number(Dictionary<string, string>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;

    private string? Run(string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        return process.ExitCode == 0 ? output.Result : null;
    }

    private static Dictionary<string, string> Fields(string output) =>
        output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1]);
}
