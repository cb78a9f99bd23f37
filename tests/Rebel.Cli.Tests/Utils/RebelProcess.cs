using System.Diagnostics;

namespace Rebel.Cli.Tests.Utils;

/// <summary>Runs the real built <c>rebel</c> (rebel.dll next to the test assembly), or another built program, as a child process.</summary>
internal static class RebelProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "rebel.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Process Start(string workingDirectory, params string[] args) => StartDotnet(workingDirectory, [Dll, .. args]);

    private static Process StartDotnet(string workingDirectory, string[] args) => StartProgram("dotnet", workingDirectory, args);

    private static Process StartProgram(string program, string workingDirectory, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }

    public static Result Run(string workingDirectory, params string[] args) => RunDotnet(workingDirectory, TimeSpan.FromSeconds(60), [Dll, .. args]);

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> (a program's dll and its arguments, or an SDK command) to its end, killing it after <paramref name="timeout"/>.</summary>
    public static Result RunDotnet(string workingDirectory, TimeSpan timeout, params string[] args) => RunProgram("dotnet", workingDirectory, timeout, null, args);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> and <paramref name="environment"/> added to its environment, killing it after <paramref name="timeout"/>.</summary>
    public static Result RunProgram(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var p = StartProgram(program, workingDirectory, args, environment);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
