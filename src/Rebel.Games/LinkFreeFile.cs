namespace Rebel.Games;

/// <summary>
/// Opens a file that Rebel writes in place (appends, a lock, a PID) so that a symbolic link at its path is refused,
/// never followed: a run directory handed over by someone else must not make Rebel write into a file elsewhere.
/// Files that are replaced whole go through <see cref="AtomicFile"/>, whose rename replaces a link instead of
/// following it.
/// </summary>
public static class LinkFreeFile
{
    /// <summary>Opens <paramref name="path"/> like <see cref="FileStream(string, FileMode, FileAccess, FileShare, int)"/>, refusing a symbolic link.</summary>
    /// <exception cref="IOException">The path is a symbolic link (the message says so), or the file cannot be opened.</exception>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096)
    {
        EnsureNotLink(path);
        var stream = new FileStream(path, mode, access, share, bufferSize);
        try
        {
            // Checked again once open, before anything is written: a link put in place between the check and the open is caught.
            EnsureNotLink(path);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Refuses <paramref name="path"/> when it is a symbolic link (to anything, or dangling).</summary>
    /// <exception cref="IOException">It is one.</exception>
    public static void EnsureNotLink(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (new FileInfo(path).LinkTarget is not null)
            throw new IOException($"{path} is a symbolic link, which rebel does not write through (remove it)");
    }
}
