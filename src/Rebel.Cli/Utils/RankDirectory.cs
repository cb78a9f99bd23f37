using Rebel.Runs;
using Rebel.Torch.Distributed;

namespace Rebel.Cli.Utils;

/// <summary>
/// Rank 0 alone writes a data-parallel run's directory (<c>torchrun … rebel selfplay --policy neural</c>): every other
/// rank runs the same run in a private temporary directory, a copy of rank 0's when it resumes, removed when the
/// process exits, and prints nothing on stdout. Outside a launcher (or as rank 0) the directory is the one given.
/// </summary>
internal static class RankDirectory
{
    /// <summary>The directory this rank writes the run <paramref name="directory"/> into.</summary>
    /// <param name="directory">The run directory the user named.</param>
    /// <param name="resume">Whether the run is resumed: a rank other than 0 then starts from a copy of its files.</param>
    public static string Of(string directory, bool resume)
    {
        DistributedEnvironment job;
        try
        {
            job = DistributedEnvironment.Read();
        }
        catch (FormatException e)
        {
            throw new UsageException($"the data-parallel environment: {e.Message}");
        }
        if (job.Rank == 0)
            return directory;
        var own = Directory.CreateTempSubdirectory($"rebel-rank{job.Rank}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(own);
        Console.SetOut(TextWriter.Null);
        string run = Path.Combine(own, "run");
        // Copied before this rank joins the group, so before rank 0 (waiting for it) can write a newer checkpoint.
        if (resume && Directory.Exists(directory))
        {
            Directory.CreateDirectory(run);
            foreach (string file in Directory.EnumerateFiles(directory))
                if (!RunDirectoryLock.IsLockFile(Path.GetFileName(file)))
                    File.Copy(file, Path.Combine(run, Path.GetFileName(file)));
        }
        return run;
    }

    private static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory; the system cleans what is left.
        }
    }
}
