using System.Text;

namespace Rebel.Games;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the same directory, is flushed to disk,
/// then renamed over the target, so a reader or a crash never sees a half-written file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(content);
            stream.Write(bytes);
        });

    /// <summary>
    /// Deletes temporary files that an interrupted write of <paramref name="path"/> left behind. They never hold
    /// anything a reader needs: the target is only ever replaced by a finished temporary file.
    /// </summary>
    public static void DeleteStaleTemporaries(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
            return;
        foreach (string temp in Directory.EnumerateFiles(dir, $"{TemporaryPrefix(full)}*{TemporarySuffix}"))
            File.Delete(temp);
    }

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, $"{TemporaryPrefix(full)}{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private const string TemporarySuffix = ".tmp";

    private static string TemporaryPrefix(string fullPath) => $".{Path.GetFileName(fullPath)}.";
}
