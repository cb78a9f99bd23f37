using System.Diagnostics;

namespace Rebel.Cli.Tests.Utils;

/// <summary>Runs the real built <c>rebel</c> (rebel.dll next to the test assembly) as a child process.</summary>
internal static class RebelProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "rebel.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"rebel {string.Join(' ', args)} did not finish in 60 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
