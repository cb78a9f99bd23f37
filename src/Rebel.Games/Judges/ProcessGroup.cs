using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Rebel.Games.Judges;

/// <summary>
/// Starts a judge as the leader of its own process group and session (through <c>setsid</c>, which execs the
/// program in place, so the judge keeps the process id .NET knows), and ends the whole group, so that children a
/// judge starts end with it. Where <c>setsid</c> or <c>kill(2)</c> is missing (not Linux), the judge's process tree
/// is ended instead.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    // The groups alive, ended when this process exits (return, Environment.Exit) or is ended by SIGTERM, SIGHUP or
    // SIGQUIT (whose default action then goes on): a judge in its own session does not see the terminal's signals,
    // and .NET raises no exit event for them, so nothing else would end it.
    private static readonly HashSet<Process> Alive = [];

    private static readonly PosixSignalRegistration[] Signals = OnSignals();

    static ProcessGroup() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private static PosixSignalRegistration[] OnSignals()
    {
        try
        {
            return [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }.Select(signal => PosixSignalRegistration.Create(signal, _ => KillAll()))];
        }
        catch (PlatformNotSupportedException)
        {
            return [];
        }
    }

    private static void KillAll()
    {
        Process[] alive;
        lock (Alive)
            alive = [.. Alive];
        foreach (var process in alive)
            Kill(process);
    }

    /// <summary>Starts <paramref name="info"/> (made by <see cref="Wrap"/>) and tracks its group until <see cref="Kill"/>.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info };
        lock (Alive)
        {
            process.Start();
            Alive.Add(process);
        }
        return process;
    }

    /// <summary>The program to start for <paramref name="arguments"/>, with <c>setsid</c> in front where there is one.</summary>
    public static IEnumerable<string> Wrap(IReadOnlyList<string> arguments) => Setsid is null ? arguments : [Setsid, .. arguments];

    /// <summary>Kills every process of the group <paramref name="process"/> leads, then the process tree as .NET sees it.</summary>
    public static void Kill(Process process)
    {
        lock (Alive)
            Alive.Remove(process);
        int id;
        try
        {
            id = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (Setsid is not null)
        {
            try
            {
                // The group outlives its leader while any member lives; its id cannot be reused until all are gone.
                _ = KillSystem(-id, SigKill);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No kill(2): the tree below is all that can be ended.
            }
        }
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillSystem(int pid, int signal);
}
