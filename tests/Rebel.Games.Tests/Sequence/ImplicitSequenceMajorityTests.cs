using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Tests.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Sequence;

public class ImplicitSequenceMajorityTests
{
    private static readonly SequenceMajority Family = new();

    private static GameSpec Spec(string text) => GameSpec.Parse(text, Family);

    // Odd and even annotator counts (even ones tie often), one annotator (transitive), several vocabularies.
    [Theory]
    [InlineData("seq-majority:vocab=3,length=4,annotators=3,seed=1")]
    [InlineData("seq-majority:vocab=4,length=5,annotators=2,seed=3")]
    [InlineData("seq-majority:vocab=2,length=9,annotators=4,seed=2")]
    [InlineData("seq-majority:vocab=5,length=3,annotators=1,seed=4")]
    [InlineData("seq-majority:vocab=4,length=6,annotators=7,seed=5")]
    public void GroupedAndBlockedWinRatesEqualTheDenseGame(string spec)
    {
        var context = Family.CreateSequenceGame(Spec(spec)).Game.Contexts[0];
        var implicitGame = ImplicitSequenceMajority.Create(Spec(spec));
        int n = context.Count;
        Assert.Equal(n, implicitGame.Count);
        Assert.InRange(implicitGame.Groups, 1, n - 1);
        var pi = BlockedWinRateTests.RandomPolicy(n, n);
        var dense = WinRate.Against(context, Vector<double>.Build.Dense(pi)).ToArray();
        var grouped = new double[n];
        var blocked = new double[n];
        implicitGame.WinRates(pi, grouped);
        BlockedWinRate.Against(implicitGame.Kernel(), pi, blocked);
        Assert.True(BlockedWinRateTests.MaxDifference(dense, grouped) <= 1e-12, $"grouped: {BlockedWinRateTests.MaxDifference(dense, grouped)}");
        Assert.True(BlockedWinRateTests.MaxDifference(dense, blocked) <= 1e-12, $"blocked: {BlockedWinRateTests.MaxDifference(dense, blocked)}");
        Assert.Equal(DualityGap.Of(context, Vector<double>.Build.Dense(pi)), implicitGame.DualityGap(pi), 1e-12);
    }

    [Fact]
    public void TheKernelFillsTheDenseEntriesExactly()
    {
        const string spec = "seq-majority:vocab=3,length=5,annotators=4,seed=6";
        var p = Family.CreateSequenceGame(Spec(spec)).Game.Contexts[0].Preference;
        var kernel = ImplicitSequenceMajority.Create(Spec(spec)).Kernel();
        int n = kernel.Count;
        // A block at an offset, with a column count that leaves a scalar tail after the 4-wide vectors.
        const int rowStart = 17, rows = 40, columnStart = 3, columns = 227;
        var block = new double[rows * columns];
        kernel.Fill(rowStart, rows, columnStart, columns, block);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                Assert.Equal(p[rowStart + r, columnStart + c], block[r * columns + c]);
        Assert.Equal(243, n);
    }

    [Fact]
    public void SingleEntriesOfTokenSequencesEqualTheDenseGame()
    {
        const string spec = "seq-majority:vocab=3,length=4,annotators=2,seed=7";
        var game = Family.CreateSequenceGame(Spec(spec));
        var implicitGame = ImplicitSequenceMajority.Create(Spec(spec));
        var p = game.Game.Contexts[0].Preference;
        for (var i = 0; i < game.Space.Count; i++)
            for (var j = 0; j < game.Space.Count; j++)
                Assert.Equal(p[i, j], implicitGame.Preference(Tokens(game.Space, i), Tokens(game.Space, j)));
        Assert.Throws<ArgumentOutOfRangeException>(() => implicitGame.Preference([0, 1, 2, 3], [0, 0, 0, 0]));
    }

    private static long[] Tokens(SequenceSpace space, int index) => Array.ConvertAll(space.Tokens(index), t => (long)t);

    [Fact]
    public void SequencesBeyondTheDenseCapAreEvaluatedExactly()
    {
        const string spec = "seq-majority:vocab=4,length=7,annotators=3,seed=1";
        Assert.NotNull(Family.CreateSequenceGame(Spec(spec)).Game.Contexts[0].Kernel);
        var implicitGame = ImplicitSequenceMajority.Create(Spec(spec));
        Assert.Equal(16384, implicitGame.Count);
        var kernel = (MajorityPreferenceKernel)implicitGame.Kernel();
        var pi = BlockedWinRateTests.RandomPolicy(implicitGame.Count, 9);
        var winRates = new double[implicitGame.Count];
        implicitGame.WinRates(pi, winRates);
        foreach (var i in new[] { 0, 5000, 16383 })
        {
            double direct = 0;
            for (var j = 0; j < implicitGame.Count; j++) direct += kernel.Entry(i, j) * pi[j];
            Assert.Equal(direct, winRates[i], 1e-12);
        }
    }

    [Fact]
    public void TooManySequencesAreRefusedNamingTheLength()
    {
        var e = Assert.Throws<GameValidationException>(() => ImplicitSequenceMajority.Create(Spec("seq-majority:vocab=2,length=21")));
        Assert.Contains("length=21", e.Message, StringComparison.Ordinal);
        Assert.Contains($"≤ {ImplicitSequenceMajority.MaxResponses}", e.Message, StringComparison.Ordinal);
    }
}
