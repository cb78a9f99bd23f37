using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Linear;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Exact;

// ComputeThreads.Limit is process-wide: the classes that set it run one at a time.
[Collection(nameof(ComputeThreads))]
public class MinimaxWinnerTests
{
    private const double Certificate = 1e-9;

    private static readonly MinimaxWinnerOptions ColdOnly = new(WarmStartIterations: 0);

    public static TheoryData<int, int> RandomSizes => new()
    {
        { 2, 1 }, { 3, 2 }, { 4, 3 }, { 5, 4 }, { 8, 5 }, { 13, 6 }, { 32, 7 }, { 64, 8 }, { 151, 9 }, { 300, 10 },
    };

    [Fact]
    public void ThreadsDoNotChangeASingleBitOfTheSolution()
    {
        // n = 400: the dictionary's pivots and the principal pivot's product are large enough to be threaded.
        var context = RandomSkewGame.Create(400, 7);
        Assert.True(RowBlocks.Count(400, 802 * sizeof(double), 1, 3) > 1);
        int limit = ComputeThreads.Limit;
        try
        {
            ComputeThreads.Limit = 1;
            var one = MinimaxWinner.Solve(context);
            ComputeThreads.Limit = 3;
            var many = MinimaxWinner.Solve(context);
            Assert.Equal(one.Policy.ToArray(), many.Policy.ToArray());
            Assert.Equal(one.DualityGap, many.DualityGap);
            Assert.True(one.DualityGap < 1e-12);
        }
        finally
        {
            ComputeThreads.Limit = limit;
        }
    }

    [Fact]
    public void RockPaperScissorsIsUniform()
    {
        var result = MinimaxWinner.Solve(Context(CyclicMargins(1.0 / 2, 1.0 / 2, 1.0 / 2)));
        AssertCertified(result, Context(CyclicMargins(0.5, 0.5, 0.5)));
        Assert.Equal([0, 1, 2], result.Support);
        foreach (double v in result.Policy)
            Assert.Equal(1.0 / 3, v, 12);
    }

    [Theory]
    [InlineData(0.1, 0.2, 0.3)]
    [InlineData(0.45, 0.05, 0.2)]
    public void WeightedRockPaperScissorsMatchesClosedForm(double a, double b, double c)
    {
        // Margins: 1 beats 0 by a, 0 beats 2 by b, 2 beats 1 by c. Solving M π = 0 gives π ∝ (c, b, a).
        var context = Context(CyclicMargins(a, b, c));
        var result = MinimaxWinner.Solve(context);
        AssertCertified(result, context);
        double s = a + b + c;
        Assert.Equal(c / s, result.Policy[0], 12);
        Assert.Equal(b / s, result.Policy[1], 12);
        Assert.Equal(a / s, result.Policy[2], 12);
    }

    [Fact]
    public void EfronDiceAreSolvedWithACertificate()
    {
        int[][] dice = [[4, 4, 4, 4, 0, 0], [3, 3, 3, 3, 3, 3], [6, 6, 2, 2, 2, 2], [5, 5, 5, 1, 1, 1]];
        var p = Matrix<double>.Build.Dense(4, 4, (i, j) =>
            dice[i].SelectMany(x => dice[j], (x, y) => x > y ? 1.0 : x == y ? 0.5 : 0.0).Average());
        var context = Context(p);
        // The winners form the segment between (1/3, 0, 1/2, 1/6)-like points; only the certificate is unique.
        AssertCertified(MinimaxWinner.Solve(context), context);
        AssertCertified(MinimaxWinner.Solve(context, ColdOnly), context);
    }

    [Fact]
    public void TransitiveGameHasItsCondorcetWinnerAsAPureWinner()
    {
        double[] utility = [0.3, -1.2, 2.0, 0.7, 1.1];
        var context = Context(Matrix<double>.Build.Dense(5, 5, (i, j) => 1 / (1 + Math.Exp(utility[j] - utility[i]))));
        var result = MinimaxWinner.Solve(context);
        AssertCertified(result, context);
        Assert.Equal([2], result.Support);
        Assert.Equal(1.0, result.Policy[2]);
    }

    [Fact]
    public void RegularTournamentWithZeroOnePreferencesIsUniform()
    {
        // Response i beats i+1 and i+2 (mod 5) surely: every response has the same score, the winner is uniform.
        var context = Context(Matrix<double>.Build.Dense(5, 5, (i, j) => i == j ? 0.5 : ((j - i + 5) % 5) is 1 or 2 ? 1 : 0));
        foreach (var options in new[] { MinimaxWinnerOptions.Default, ColdOnly })
        {
            var result = MinimaxWinner.Solve(context, options);
            AssertCertified(result, context);
            foreach (double v in result.Policy)
                Assert.Equal(0.2, v, 12);
        }
    }

    [Theory]
    [InlineData(51)]
    [InlineData(120)]
    public void LargeRegularTournamentIsUniform(int n)
    {
        // Response i beats the next (n − 1)/2 responses cyclically: uniform equalises every score. Cold-start Lemke needs
        // exponentially many pivots here (about 2^(n/2)); the warm start must carry the solve.
        int m = n | 1;
        var context = Context(Matrix<double>.Build.Dense(m, m, (i, j) => i == j ? 0.5 : ((j - i + m) % m) <= m / 2 ? 1 : 0));
        var result = MinimaxWinner.Solve(context);
        AssertCertified(result, context);
        foreach (double v in result.Policy)
            Assert.Equal(1.0 / m, v, 12);
    }

    [Theory]
    [InlineData(0, 40)]
    [InlineData(1, 90)]
    [InlineData(2, 150)]
    public void DegenerateStructuredGamesAreCertified(int kind, int n)
    {
        var random = new Random(n);
        var angles = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var upper = Matrix<double>.Build.Dense(n, n, (_, _) => kind switch
        {
            0 => random.Next(3) / 2.0,                  // tournament with ties: entries in {0, 1/2, 1}
            1 => Math.Round(random.NextDouble() * 4) / 4, // quantised preferences: many equal entries
            _ => 0,
        });
        var p = Matrix<double>.Build.Dense(n, n, (i, j) =>
            kind == 2 ? 0.5 + 0.5 * Math.Sin(angles[i] - angles[j])   // disc game: a rank-2 margin, singular blocks
            : i == j ? 0.5 : i < j ? upper[i, j] : 1 - upper[j, i]);
        var context = Context(p);
        AssertCertified(MinimaxWinner.Solve(context), context);
    }

    [Fact]
    public void SingleResponseIsItsOwnWinner()
    {
        var context = Context(Matrix<double>.Build.Dense(1, 1, 0.5));
        foreach (var options in new[] { MinimaxWinnerOptions.Default, ColdOnly })
        {
            var result = MinimaxWinner.Solve(context, options);
            AssertCertified(result, context);
            Assert.Equal([0], result.Support);
            Assert.Equal(0, result.DualityGap);
        }
    }

    [Fact]
    public void InvalidOptionsAreRejectedByName()
    {
        var context = Context(CyclicMargins(0.1, 0.2, 0.3));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MinimaxWinner.Solve(context, new MinimaxWinnerOptions(WarmStartIterations: -1)));
        Assert.Equal("WarmStartIterations", error.ParamName);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => MinimaxWinner.Solve(context, new MinimaxWinnerOptions(Tolerance: double.NaN)));
        Assert.Equal("Tolerance", error.ParamName);
    }

    public static TheoryData<string> ZooSpecs()
    {
        var specs = new TheoryData<string>();
        foreach (var family in Rebel.Games.Zoo.GameZoo.Families)
            specs.Add(family.Name);
        foreach (var spec in new[]
        {
            "blotto:soldiers=10,fields=4", "cyclic:n=101", "disc:n=200,layout=even",
            "gpm:n=300,k=3", "random:n=300,share=1", "random:n=200,share=0", "bt-mixture:n=120,k=5,layout=cyclic",
            "transitive:n=200", "contextual:contexts=20,family=gpm,n=40",
        })
        {
            specs.Add(spec);
        }
        return specs;
    }

    [Theory]
    [MemberData(nameof(ZooSpecs))]
    public void EveryBuiltInGameIsCertified(string spec)
    {
        var game = Rebel.Games.Zoo.GameZoo.Create(spec);
        var solution = MinimaxWinner.Solve(game);
        Assert.InRange(solution.DualityGap, -1e-15, Certificate);
        for (int c = 0; c < game.Contexts.Count; c++)
            AssertCertified(solution.Contexts[c], game.Contexts[c]);
    }

    /// <summary>
    /// Games whose margin matrix is numerically low-rank (a sigmoid of a rank-2 disc game: singular values of the
    /// equaliser system down to 1e-10) or has entries near 0 and 1 (large utility scales). Double pivoting alone
    /// ended at DG = 2.2e-7 on <c>disc:n=150,link=sigmoid</c>. Slower cases (n = 150 seeds 1 and 3, scale 8, n = 300:
    /// seconds each) are left to the solver's bench runs to keep the suite fast.
    /// </summary>
    [Theory]
    [InlineData("disc:n=60,link=sigmoid")]
    [InlineData("disc:n=60,link=sigmoid,seed=2")]
    [InlineData("disc:n=150,link=sigmoid")]
    [InlineData("disc:n=150,link=sigmoid,scale=2")]
    [InlineData("gpm:n=200,scale=100")]
    [InlineData("gpm:n=300,k=4,scale=100")]
    [InlineData("bt-mixture:n=200,k=5,scale=100")]
    [InlineData("bt-mixture:n=120,k=5,layout=cyclic,scale=100")]
    [InlineData("transitive:n=500,scale=100,seed=3")]
    public void IllConditionedGamesAreCertified(string spec)
    {
        var context = Rebel.Games.Zoo.GameZoo.Create(spec).Contexts[0];
        AssertCertified(MinimaxWinner.Solve(context), context);
    }

    [Fact(Skip = "known limitation: disc:n=300,link=sigmoid,seed=2 and 3 end at DG = 2.8e-7 and 1.8e-8 even with double-double pivoting, after ~20 s")]
    public void LargeIllConditionedDiscGamesAreCertified()
    {
        foreach (int seed in new[] { 2, 3 })
        {
            var context = Rebel.Games.Zoo.GameZoo.Create($"disc:n=300,link=sigmoid,seed={seed}").Contexts[0];
            AssertCertified(MinimaxWinner.Solve(context), context);
        }
    }

    [Fact]
    public void ExtendedPrecisionDictionaryFindsTheClosedFormWinner()
    {
        // Weighted RPS in double-double: the pivoted z, normalised, is π ∝ (c, b, a) to full double precision.
        double a = 0.1, b = 0.2, c = 0.3;
        var p = CyclicMargins(a, b, c);
        var dictionary = new LemkeDictionary(p.AsColumnMajorArray(), 3, extended: true);
        Assert.True(dictionary.Run(100));
        var z = dictionary.Solution();
        double s = a + b + c;
        double total = z.Sum();
        Assert.Equal(c / s, z[0] / total, 15);
        Assert.Equal(b / s, z[1] / total, 15);
        Assert.Equal(a / s, z[2] / total, 15);
        // zᵀQz = (1ᵀz)² = 1ᵀz at a solution, so 1ᵀz = 1.
        Assert.Equal(1.0, total, 14);
    }

    [Fact]
    public void AllTiesCertifyAnyPolicy()
    {
        var context = Context(Matrix<double>.Build.Dense(6, 6, 0.5));
        var result = MinimaxWinner.Solve(context);
        Assert.Equal(0, result.DualityGap);
        AssertCertified(result, context);
    }

    [Fact]
    public void DuplicatedResponsesShareTheOriginalsWeight()
    {
        var original = RandomSkewGame.Create(15, 21);
        int[] source = [.. Enumerable.Range(0, 15), 3, 3, 7, 11];
        var p = Matrix<double>.Build.Dense(source.Length, source.Length, (i, j) => original.Preference[source[i], source[j]]);
        var context = Context(p);
        var unique = MinimaxWinner.Solve(original);
        foreach (var options in new[] { MinimaxWinnerOptions.Default, ColdOnly })
        {
            var result = MinimaxWinner.Solve(context, options);
            AssertCertified(result, context);
            // A random game's winner is unique, so copies together carry exactly the original's mass.
            for (int y = 0; y < 15; y++)
            {
                double mass = Enumerable.Range(0, source.Length).Where(i => source[i] == y).Sum(i => result.Policy[i]);
                Assert.Equal(unique.Policy[y], mass, 9);
            }
        }
    }

    [Fact]
    public void DominatedResponsesGetNoWeight()
    {
        var original = RandomSkewGame.Create(12, 5);
        // Response 12 loses to everything with probability 0.9; response 13 is a weak copy of 0 (0 beats it 0.7).
        var p = Matrix<double>.Build.Dense(14, 14, (i, j) =>
        {
            if (i == j)
                return 0.5;
            if (i == 12)
                return 0.1;
            if (j == 12)
                return 0.9;
            if (i == 13 && j == 0)
                return 0.3;
            if (i == 0 && j == 13)
                return 0.7;
            int a = i == 13 ? 0 : i, b = j == 13 ? 0 : j;
            return original.Preference[a, b] - (i == 13 ? 0.05 : j == 13 ? -0.05 : 0);
        });
        var context = Context(p);
        var result = MinimaxWinner.Solve(context);
        AssertCertified(result, context);
        Assert.DoesNotContain(12, result.Support);
        Assert.DoesNotContain(13, result.Support);
    }

    [Theory]
    [MemberData(nameof(RandomSizes))]
    public void RandomDenseGamesAreCertified(int n, int seed)
    {
        var context = RandomSkewGame.Create(n, seed);
        var result = MinimaxWinner.Solve(context);
        AssertCertified(result, context);
        // A generic skew game's winner has odd support (an even skew block is nonsingular).
        Assert.Equal(1, result.Support.Count % 2);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(60, 4)]
    public void ColdStartFindsTheSameUniqueWinner(int n, int seed)
    {
        var context = RandomSkewGame.Create(n, seed);
        var warm = MinimaxWinner.Solve(context);
        var cold = MinimaxWinner.Solve(context, ColdOnly);
        AssertCertified(cold, context);
        for (int i = 0; i < n; i++)
            Assert.Equal(warm.Policy[i], cold.Policy[i], 9);
    }

    [Fact]
    public void GameSolutionWeightsContextCertificates()
    {
        var game = new TabularGame("two", [RandomSkewGame.Create(9, 1).WithWeight(3), Context(CyclicMargins(0.1, 0.2, 0.3), "x1")]);
        var solution = MinimaxWinner.Solve(game);
        Assert.Equal(DualityGap.Of(game, solution.Policy), solution.DualityGap, 15);
        Assert.InRange(solution.DualityGap, 0, Certificate);
    }

    /// <summary>The returned certificate is the policy's own gap, within tolerance; the policy is a distribution; supported responses are equalised at 1/2.</summary>
    private static void AssertCertified(MinimaxWinnerResult result, GameContext context)
    {
        Assert.Equal(DualityGap.Of(context, result.Policy), result.DualityGap);
        Assert.InRange(result.DualityGap, -1e-15, Certificate);
        Assert.Equal(1.0, result.Policy.Sum(), 12);
        Assert.All(result.Policy, v => Assert.True(v >= 0));
        Assert.Equal(Enumerable.Range(0, context.Count).Where(i => result.Policy[i] > 0), result.Support);
        var winRates = WinRate.Against(context, result.Policy);
        foreach (int i in result.Support)
            Assert.Equal(0.5, winRates[i], 9);
    }

    private static Matrix<double> CyclicMargins(double a, double b, double c) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { 0.5, 0.5 - a, 0.5 + b },
        { 0.5 + a, 0.5, 0.5 - c },
        { 0.5 - b, 0.5 + c, 0.5 },
    });

    private static GameContext Context(Matrix<double> p, string name = "x0") =>
        new(name, 1, Enumerable.Range(0, p.RowCount).Select(i => "y" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), p);
}
