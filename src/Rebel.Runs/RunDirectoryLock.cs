using System.Globalization;
using Rebel.Games;

namespace Rebel.Runs;

/// <summary>
/// The one-writer lock of a run (or compare) directory: an exclusive OS lock on <see cref="FileName"/> in the
/// directory, held for the life of the object (on Linux and macOS .NET takes it with <c>flock</c>, on Windows with a
/// sharing mode), so the kernel releases it when the holder exits or is killed and a stale lock cannot outlive its
/// process. The lock file is never deleted: deleting it would let a second process lock a new file of the same name
/// while the first still holds the old one. The holder's PID goes to <see cref="OwnerFileName"/> (the locked file
/// itself cannot be read by others while locked), only to name the holder in the refusal.
/// </summary>
public sealed class RunDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the directory.</summary>
    public const string FileName = ".rebel.lock";

    /// <summary>The file naming the holder's PID, written once the lock is held.</summary>
    public const string OwnerFileName = ".rebel.owner";

    private readonly FileStream _stream;

    private RunDirectoryLock(string directory, FileStream stream)
    {
        Directory = directory;
        _stream = stream;
    }

    /// <summary>The locked directory.</summary>
    public string Directory { get; }

    /// <summary>Whether <paramref name="name"/> (a file name, no directory) is one of the lock's own files.</summary>
    public static bool IsLockFile(string name) => name is FileName or OwnerFileName;

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and takes its lock, without waiting. A refusal writes nothing.
    /// </summary>
    /// <exception cref="RunException">Another process holds the lock (the message names the directory and its PID), or the directory cannot be created or locked.</exception>
    public static RunDirectoryLock Acquire(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.Length == 0)
            throw new RunException("the run directory path is empty");
        string lockPath = Path.Combine(directory, FileName);
        string ownerPath = Path.Combine(directory, OwnerFileName);
        FileStream stream;
        try
        {
            // Neither lock file is ever written through a symbolic link (see LinkFreeFile).
            LinkFreeFile.EnsureNotLink(lockPath);
            LinkFreeFile.EnsureNotLink(ownerPath);
        }
        catch (IOException e)
        {
            throw new RunException(e.Message, e);
        }
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            stream = LinkFreeFile.Open(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(lockPath) && e is not PathTooLongException and not DirectoryNotFoundException)
        {
            throw InUse(directory, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new RunException($"{directory}: cannot lock the run directory: {e.Message.Split('\n')[0]}", e);
        }
        try
        {
            using var owner = new StreamWriter(LinkFreeFile.Open(ownerPath, FileMode.Create, FileAccess.Write, FileShare.Read));
            owner.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new RunException($"{directory}: cannot write {OwnerFileName}: {e.Message.Split('\n')[0]}", e);
        }
        return new RunDirectoryLock(directory, stream);
    }

    /// <summary>
    /// The refusal for <paramref name="directory"/> when another process holds its lock, or null when none does.
    /// It probes by taking and at once releasing the lock of an existing lock file, so it creates and writes nothing.
    /// </summary>
    public static RunException? HeldElsewhere(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string lockPath = Path.Combine(directory, FileName);
        if (!File.Exists(lockPath))
            return null;
        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
            return null;
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return InUse(directory, e);
        }
        catch (IOException)
        {
            // Gone, or a dangling link: no one holds it (Acquire refuses a link).
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Unreadable: Acquire will report what is wrong with the directory.
            return null;
        }
    }

    /// <summary>Releases the lock (the files stay).</summary>
    public void Dispose() => _stream.Dispose();

    private static RunException InUse(string directory, Exception cause) =>
        new($"{directory}: in use by another rebel process{Holder(directory)}; wait for it to finish or choose another directory", cause);

    private static string Holder(string directory)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, OwnerFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? $" (PID {pid.ToString(CultureInfo.InvariantCulture)})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
