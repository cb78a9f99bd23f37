namespace Rebel.Games.Judges;

/// <summary>
/// Which judge commands may run (docs/judge-protocol.md, "Consent"). A judge is a program run with the user's rights,
/// and a game spec can come from a file someone else wrote (a run's <c>config.json</c>, a sweep file, a
/// <c>rebel-judge/1</c> file); so loading a game starts a judge only when the consent allows it: <see cref="All"/> (the
/// user trusts every judge the inputs name, the CLI's <c>--trust-judge</c>), or <see cref="Named"/> (the <c>judge:</c>
/// specs the user typed), or none (<see cref="None"/>, the default).
/// </summary>
public sealed class JudgeConsent
{
    private readonly bool _all;
    private readonly JudgeSpec[] _named;

    private JudgeConsent(bool all, JudgeSpec[] named)
    {
        _all = all;
        _named = named;
    }

    /// <summary>No judge command runs.</summary>
    public static JudgeConsent None { get; } = new(false, []);

    /// <summary>Every judge command runs (the user trusts the files that name them).</summary>
    public static JudgeConsent All { get; } = new(true, []);

    /// <summary>
    /// The judges of the <c>judge:</c> specs among <paramref name="specs"/> (what the user typed), with or without the
    /// <c>dir=</c> a run records; anything else (a zoo spec, a game or judge file) consents to nothing.
    /// </summary>
    /// <exception cref="GameValidationException">A <c>judge:</c> spec is invalid.</exception>
    public static JudgeConsent Named(params IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var named = specs.Where(JudgeSpec.IsSpec).Select(JudgeSpec.Parse).ToArray();
        return named.Length == 0 ? None : new JudgeConsent(false, named);
    }

    /// <summary>Whether <paramref name="judge"/> may run: the same program, arguments, shell and directory as a consented one.</summary>
    public bool Allows(JudgeSpec judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        return _all || _named.Any(n => n.Command == judge.Command && n.Shell == judge.Shell && n.WorkingDirectory == judge.WorkingDirectory);
    }

    /// <summary>Refuses <paramref name="judge"/>, read from <paramref name="source"/>, unless it may run.</summary>
    /// <exception cref="JudgeConsentException">It may not.</exception>
    public void Check(JudgeSpec judge, string source)
    {
        if (!Allows(judge))
            throw new JudgeConsentException(judge, source);
    }
}
