using System.Globalization;
using System.Text;
using Rebel.Cli.Arguments;
using Rebel.Games;

namespace Rebel.Cli.Output;

/// <summary>
/// <c>rebel sweep --slurm FILE</c>: a script that runs a sweep on a Slurm cluster — a job array whose task i runs
/// <c>--shard i/N</c> into the shared directory, and a collect job, submitted with <c>--dependency=afterok</c> on the
/// array, that runs the whole sweep once more, finds every run done and writes <c>results.csv</c>.
/// Executed (<c>bash FILE</c>) it submits both; submitted by <c>sbatch</c> as the array, each task runs its shard.
/// </summary>
internal static class SlurmArray
{
    /// <summary>The most tasks the script's array gets when <c>--shards</c> is not given (Slurm's default MaxArraySize is 1001).</summary>
    public const int DefaultMaxShards = 1000;

    /// <summary>Writes the script to <paramref name="file"/> (atomically, executable).</summary>
    /// <param name="file">The script's path; the jobs' logs go beside it, <c>FILE-&lt;job&gt;_&lt;task&gt;.out</c> (without FILE's extension) and <c>FILE-collect-&lt;job&gt;.out</c>.</param>
    /// <param name="spec">The sweep's spec file, inside <paramref name="directory"/>.</param>
    /// <param name="directory">The sweep's directory, on storage every node sees.</param>
    /// <param name="shards">Tasks of the array, N.</param>
    /// <param name="jobs">Runs at a time in each task (its <c>--cpus-per-task</c>).</param>
    /// <param name="trustJudge">Whether the commands carry <c>--trust-judge</c> (the user consented to the sweep's judges).</param>
    public static void Write(string file, string spec, string directory, int shards, int jobs, bool trustJudge)
    {
        string dir = Path.GetFullPath(directory);
        string name = "rebel-sweep-" + Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var sweep = Rebel().Concat(["sweep", "--file", Path.GetFullPath(spec), "--out", dir]).Concat(trustJudge ? [TrustJudge.Flag] : []);
        string command = string.Join(' ', sweep.Select(Quote));
        // The logs go beside the script, not into the sweep's directory, which holds only runs and the sweep's outputs.
        string logs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file));
        string output = Quote(logs + "-%A_%a.out");
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(Inv($"# Written by 'rebel sweep --slurm': the sweep {dir} in {shards} shards on Slurm.\n"));
        s.Append("#   bash THIS-FILE   submits the job array (task i runs shard i/N) and the collect job, which waits for every\n");
        s.Append("#                    task to succeed (afterok) and writes results.csv; submitting it again continues the sweep\n");
        s.Append("#   sbatch THIS-FILE submits the array alone (collect afterwards with the sweep command below, without --shard)\n");
        s.Append("# Add your cluster's options (--time, --partition, --account, --mem) as #SBATCH lines; the collect job gets the same.\n");
        s.Append(Inv($"#SBATCH --job-name={name}\n"));
        s.Append(Inv($"#SBATCH --array=0-{shards - 1}\n"));
        s.Append("#SBATCH --ntasks=1\n");
        s.Append(Inv($"#SBATCH --cpus-per-task={jobs}\n"));
        s.Append(Inv($"#SBATCH --output={output}\n"));
        s.Append("set -euo pipefail\n");
        s.Append(Inv($"sweep=({command})\n"));
        s.Append("if [[ -n ${SLURM_ARRAY_TASK_ID:-} ]]; then\n");
        s.Append(Inv($"  exec \"${{sweep[@]}}\" --jobs {jobs} --shard \"$SLURM_ARRAY_TASK_ID/{shards}\"\n"));
        s.Append("fi\n");
        s.Append("options=$(sed -n 's/^#SBATCH //p' \"$0\" | grep -v -e '^--array' -e '^--job-name' -e '^--output' || true)\n");
        s.Append("array=$(sbatch --parsable \"$0\")\n");
        s.Append("array=${array%%;*}\n");
        s.Append(Inv($"# shellcheck disable=SC2086\ncollect=$(sbatch --parsable $options --job-name={name}-collect --dependency=afterok:\"$array\" --kill-on-invalid-dep=yes --output={Quote(logs + "-collect-%j.out")} --wrap=\"$(printf '%q ' \"${{sweep[@]}}\")\")\n"));
        s.Append(Inv($"echo \"submitted the array job $array ({shards} tasks) and the collect job ${{collect%%;*}}, which writes {Path.Combine(dir, "results.csv")} once every task has succeeded\"\n"));
        AtomicFile.WriteAllText(file, s.ToString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    /// <summary>
    /// How this <c>rebel</c> is started again on the cluster's nodes: the published executable, or <c>dotnet</c> and
    /// the CLI's assembly when it runs from a build.
    /// </summary>
    private static string[] Rebel()
    {
        // The CLI's assembly is named as the command it installs (AssemblyName = ToolCommandName).
        string command = typeof(SlurmArray).Assembly.GetName().Name!;
        string process = Environment.ProcessPath ?? command;
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, command + ".dll")]
            : [process];
    }

    /// <summary>A word for bash, single-quoted unless it is plain.</summary>
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
