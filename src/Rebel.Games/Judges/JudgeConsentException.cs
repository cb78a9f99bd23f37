namespace Rebel.Games.Judges;

/// <summary>
/// A game names a judge command that the <see cref="JudgeConsent"/> does not allow; nothing was started. The message
/// shows the command and where it was read (the CLI adds how to allow it: <c>--trust-judge</c>).
/// </summary>
public sealed class JudgeConsentException : Exception
{
    /// <summary>Creates the refusal of <paramref name="judge"/>, read from <paramref name="source"/>.</summary>
    public JudgeConsentException(JudgeSpec judge, string source)
        : base($"{source} names the judge command {Show(judge ?? throw new ArgumentNullException(nameof(judge)))}, which runs only with your consent")
    {
        Judge = judge;
        Where = source;
    }

    /// <summary>The refused judge.</summary>
    public JudgeSpec Judge { get; }

    /// <summary>Where its spec was read: a file, or the spec itself.</summary>
    public string Where { get; }

    /// <summary>The same refusal, read from <paramref name="source"/> (e.g. the run config that records the spec).</summary>
    public JudgeConsentException From(string source) => new(Judge, source);

    private static string Show(JudgeSpec judge) =>
        $"'{judge.Command}' ({(judge.Shell ? "run by /bin/sh -c" : "run without a shell")} in {judge.WorkingDirectory})";
}
