using Rebel.Games.Judges;

namespace Rebel.Games.Tests.Judges;

public sealed class JudgeConsentTests
{
    private const string Spec = "judge:cmd=\"python3 j.py\",responses=3,eval-budget=0";

    [Fact]
    public void ANamedSpecAllowsItsJudgeAsRecordedAndNoOther()
    {
        var consent = JudgeConsent.Named("rps", Spec);
        Assert.True(consent.Allows(JudgeSpec.Parse(Spec)));
        Assert.True(consent.Allows(JudgeSpec.Parse(JudgeSpec.Anchored(Spec))));
        Assert.False(consent.Allows(JudgeSpec.Parse("judge:cmd=\"python3 other.py\",responses=3")));
        Assert.False(consent.Allows(JudgeSpec.Parse(Spec + ",shell=true")));
        Assert.False(consent.Allows(JudgeSpec.Parse(Spec + ",dir=/")));
        Assert.False(JudgeConsent.None.Allows(JudgeSpec.Parse(Spec)));
        Assert.True(JudgeConsent.All.Allows(JudgeSpec.Parse("judge:cmd=anything,responses=2")));
    }

    [Fact]
    public void LoadingAJudgeWithoutConsentRefusesBeforeStartingItAndTheGameCarriesAnAllowedJudge()
    {
        // The command would fail if it ran; the refusal comes first and shows it.
        var e = Assert.Throws<JudgeConsentException>(() => GameSource.Load("judge:cmd=\"no-such-program-rebel\",responses=3"));
        Assert.Contains("'no-such-program-rebel' (run without a shell in ", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("the spec 'judge:", e.Message, StringComparison.Ordinal);
        Assert.Equal("config.json", e.From("config.json").Where);
        // eval-budget=0: the game is a placeholder and nothing is asked, so loading it starts nothing.
        Assert.Equal("python3 j.py", GameSource.Load(Spec, JudgeConsent.Named(Spec)).Judge!.Command);
        Assert.Null(GameSource.Load("rps").Judge);
    }
}
