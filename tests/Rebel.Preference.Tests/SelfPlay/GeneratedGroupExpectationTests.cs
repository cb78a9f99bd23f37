using Rebel.Games.Randomness;
using Rebel.Preference.Objectives;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Tests.SelfPlay;

/// <summary>
/// The expected update of a group of generated responses (<see cref="SelfPlaySampler.SampleGroup"/>), taken exactly by
/// enumerating every draw of K responses from μ with its probability, against the update computed on the enumerated
/// game (docs/sampled-self-play.md, "Generated responses"): the gradient in ρ of the population objective with the exact
/// win rates <c>r(y) = P(y ≻ π_t)</c>, pairs drawn from μ ⊗ μ.
/// </summary>
public class GeneratedGroupExpectationTests
{
    // An intransitive game with unequal margins, so that the win rates against π and against μ differ.
    private static readonly double[,] P =
    {
        { 0.5, 0.8, 0.35, 0.6 },
        { 0.2, 0.5, 0.9, 0.45 },
        { 0.65, 0.1, 0.5, 0.7 },
        { 0.4, 0.55, 0.3, 0.5 },
    };
    private static readonly double[] Policy = [0.45, 0.3, 0.15, 0.1];
    private static readonly double[] Rho = [0.3, -0.2, 0.1, -0.05];
    private const int N = 4;
    private const double Eta = 0.7;

    [Theory]
    [InlineData(3, 0.0)]
    [InlineData(3, 0.4)]
    [InlineData(4, 0.25)]
    public void ImportanceWeightedRebelUpdateIsThePopulationRegressionOnTheExactWinRates(int k, double explore)
    {
        var (expected, _) = Expected(k, explore, weighted: true, new RebelObjective(Eta));
        var population = PopulationRebel(Mixture(explore), WinRates(), 1);
        for (int y = 0; y < N; y++)
            Assert.Equal(population[y], expected[y], 1e-13);
    }

    [Fact]
    public void ImportanceWeightedRebelUpdateVanishesAtTheMirrorDescentStep()
    {
        var r = WinRates();
        var step = r.Select(v => Eta * v).ToArray();
        var (expected, _) = Expected(3, 0.4, weighted: true, new RebelObjective(Eta), step);
        Assert.All(expected, g => Assert.Equal(0, g, 1e-13));
    }

    [Fact]
    public void LeaveOneOutWithoutExplorationIsTheRegressionOnWinRatesScaledByKOverKMinusOne()
    {
        // The pair's own comparison enters both targets: E[r̂_i − r̂_j | y_i, y_j] = ((2P_ij − 1) + (K − 2)(r_i − r_j))/(K − 1),
        // whose additive part is K/(K − 1)·(r_i − r_j) under π ⊗ π: mirror descent with step ηK/(K − 1).
        var (expected, _) = Expected(3, 0, weighted: false, new RebelObjective(Eta));
        var population = PopulationRebel(Policy, WinRates(), 3.0 / 2);
        for (int y = 0; y < N; y++)
            Assert.Equal(population[y], expected[y], 1e-13);
    }

    [Fact]
    public void LeaveOneOutUnderExplorationIsBiased()
    {
        var mu = Mixture(0.4);
        var (expected, _) = Expected(3, 0.4, weighted: false, new RebelObjective(Eta));
        // Neither the regression on the win rates against π_t nor its K/(K − 1) rescaling: the draws from μ are the opponents.
        foreach (double scale in new[] { 1.0, 1.5 })
        {
            var population = PopulationRebel(mu, WinRates(), scale);
            Assert.True(Enumerable.Range(0, N).Max(y => Math.Abs(population[y] - expected[y])) > 1e-3);
        }
    }

    [Fact]
    public void ImportanceWeightedSppoUpdateUsesUnbiasedWinRates()
    {
        var mu = Mixture(0.4);
        var r = WinRates();
        var (expected, _) = Expected(3, 0.4, weighted: true, new SppoObjective(Eta));
        // Per sample (ρ(y) − η(r(y) − ½))², each of the K samples drawn from μ: E ∂/∂ρ(y) = 2 μ(y)(ρ(y) − η(r(y) − ½)).
        for (int y = 0; y < N; y++)
            Assert.Equal(2 * mu[y] * (Rho[y] - Eta * (r[y] - 0.5)), expected[y], 1e-13);
    }

    [Fact]
    public void BernoulliFeedbackAndAQueryBudgetKeepTheUpdateUnbiased()
    {
        // Monte Carlo over fixed seeds 0..N−1: the mean update lies within 4.5 standard errors of the population's.
        const int k = 4, draws = 40_000;
        var mu = Mixture(0.3);
        var population = PopulationRebel(mu, WinRates(), 1);
        var oracle = new DrawnGroup(k);
        var sampler = new SelfPlaySampler(oracle, new SelfPlayOptions { Samples = SampleCount.Of(k), Feedback = FeedbackKind.Bernoulli, QueryBudget = 3 });
        var batch = sampler.CreateBatch();
        var sum = new double[N];
        var sumSquares = new double[N];
        var gradient = new double[k];
        var update = new double[N];
        for (int seed = 0; seed < draws; seed++)
        {
            var random = new SeededRandom((ulong)seed);
            for (int i = 0; i < k; i++)
                oracle.Drawn[i] = SelfPlaySampler.Draw(mu, 0, random);
            var weights = oracle.Drawn.Select(y => Policy[y] / mu[y]).ToArray();
            GroupUpdate(sampler, oracle, batch, weights, new RebelObjective(Eta), random, Rho, gradient, update);
            for (int y = 0; y < N; y++)
            {
                sum[y] += update[y];
                sumSquares[y] += update[y] * update[y];
            }
        }
        for (int y = 0; y < N; y++)
        {
            double mean = sum[y] / draws, se = Math.Sqrt((sumSquares[y] / draws - mean * mean) / draws);
            Assert.InRange(population[y], mean - 4.5 * se, mean + 4.5 * se);
        }
        Assert.Equal(3L * draws, oracle.Queries);
    }

    // The exact expectation over every K-tuple of draws from μ of the objective's gradient in each response's ρ.
    private static (double[] Update, double Probability) Expected(int k, double explore, bool weighted, SelfPlayObjective objective, double[]? rho = null)
    {
        var mu = Mixture(explore);
        var oracle = new DrawnGroup(k);
        var sampler = new SelfPlaySampler(oracle, new SelfPlayOptions { Samples = SampleCount.Of(k) });
        var batch = sampler.CreateBatch();
        var expected = new double[N];
        var gradient = new double[k];
        var update = new double[N];
        double total = 0;
        int tuples = (int)Math.Pow(N, k);
        for (int code = 0; code < tuples; code++)
        {
            double probability = 1;
            for (int i = 0, c = code; i < k; i++, c /= N)
            {
                oracle.Drawn[i] = c % N;
                probability *= mu[c % N];
            }
            var weights = weighted ? oracle.Drawn.Select(y => Policy[y] / mu[y]).ToArray() : null;
            GroupUpdate(sampler, oracle, batch, weights, objective, new SeededRandom(1), rho ?? Rho, gradient, update);
            for (int y = 0; y < N; y++)
                expected[y] += probability * update[y];
            total += probability;
        }
        Assert.Equal(1, total, 1e-12);
        return (expected, total);
    }

    // One group's gradient in ρ, summed onto the responses the samples are.
    private static void GroupUpdate(SelfPlaySampler sampler, DrawnGroup oracle, SelfPlayBatch batch, double[]? weights, SelfPlayObjective objective, SeededRandom random,
        double[] rho, double[] gradient, double[] update)
    {
        int k = oracle.Drawn.Length;
        sampler.SampleGroup(0, Enumerable.Range(0, k).ToArray(), weights ?? [], random, batch);
        var logRatio = oracle.Drawn.Select(y => rho[y]).ToArray();
        var winRate = Enumerable.Range(0, k).Select(batch.WinRate).ToArray();
        var outcome = new double[k * k];
        var difference = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                (outcome[i * k + j], difference[i * k + j]) = (batch.Outcome(i, j), batch.Difference(i, j));
        objective.Loss(logRatio, winRate, outcome, gradient, difference);
        Array.Clear(update);
        for (int i = 0; i < k; i++)
            update[oracle.Drawn[i]] += gradient[i];
    }

    // ∂/∂ρ(a) of E_{y,y′∼ν⊗ν} ((ρ(y) − ρ(y′))/η − s(r(y) − r(y′)))², the mean over a group's pairs being that expectation.
    private static double[] PopulationRebel(double[] nu, double[] r, double scale)
    {
        var gradient = new double[N];
        for (int y = 0; y < N; y++)
            for (int z = 0; z < N; z++)
            {
                double derivative = 2 * ((Rho[y] - Rho[z]) / Eta - scale * (r[y] - r[z])) / Eta;
                gradient[y] += nu[y] * nu[z] * derivative;
                gradient[z] -= nu[y] * nu[z] * derivative;
            }
        return gradient;
    }

    private static double[] WinRates() => Enumerable.Range(0, N).Select(y => Enumerable.Range(0, N).Sum(z => Policy[z] * P[y, z])).ToArray();

    private static double[] Mixture(double explore) => Policy.Select(p => (1 - explore) * p + explore / N).ToArray();

    // The group's K samples as the oracle's responses 0 … K−1.
    private sealed class DrawnGroup(int k) : PreferenceOracle
    {
        public int[] Drawn { get; } = new int[k];

        public override int ContextCount => 1;

        public override int ResponseCount(int context) => Drawn.Length;

        public override double Probability(int context, int a, int b) => P[Drawn[a], Drawn[b]];
    }
}
