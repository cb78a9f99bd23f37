using System.CommandLine;
using Rebel.Games.Judges;

namespace Rebel.Cli.Arguments;

/// <summary>
/// <c>--trust-judge</c>: the consent to run judge commands that files name (docs/judge-protocol.md, "Consent"). A
/// <c>judge:</c> spec typed on the command line runs without it; a judge file, a resumed run, a run config and a sweep
/// file are someone's data, and their judge commands run only with it.
/// </summary>
internal static class TrustJudge
{
    public const string Flag = "--trust-judge";

    public static Option<bool> Create() => new(Flag)
    {
        Description = "run the judge command that a rebel-judge/1 file, a resumed run, a run config or a sweep file names (a judge: spec typed on this command line runs without it); the command runs with your rights, so only for files you trust",
    };

    /// <summary>Every judge with <c>--trust-judge</c>; otherwise the <c>judge:</c> specs among <paramref name="typed"/>.</summary>
    public static JudgeConsent Consent(ParseResult parse, Option<bool> trust, params IEnumerable<string> typed) =>
        parse.GetValue(trust) ? JudgeConsent.All : JudgeConsent.Named(typed);

    /// <summary>The refusal's one line: the command, where it was read, and how to allow it.</summary>
    public static string Message(JudgeConsentException e) => $"{e.Message}: if you trust it, add {Flag}";
}
