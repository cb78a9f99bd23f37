using FsCheck;
using FsCheck.Fluent;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Property 11: REBEL whose regressions are solved only to error ε degrades gracefully.</summary>
public sealed class ApproximateRebelTests
{
    private static readonly double[] Errors = [0, 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.2];

    private static readonly Gen<(GameCase Case, int Horizon, ulong Seed, bool Adversarial)> Runs =
        from g in GameGen.Game(2, 2, 32)
        from t in Gen.Choose(1, 100)
        from seed in Gen.Choose(0, int.MaxValue)
        from adversarial in Gen.Elements(false, true)
        select (g, t, (ulong)seed, adversarial);

    /// <summary>
    /// An ε-accurate regression returns a fit <c>f_t</c> with <c>‖f_t − r_t‖∞ ≤ ε</c> in reward units; realised here by
    /// perturbing every target of the library's exact least squares by <c>e_t(a) − e_t(b)</c>, <c>|e_t| ≤ ε</c> (random,
    /// or adversarial against the current advantage), so <c>π_{t+1} ∝ π_t exp(η (r_t + e_t))</c>.
    /// <para>
    /// Bound: this is Hedge on rewards <c>r̃_t = r_t + e_t ∈ [−ε, 1+ε]</c> (range 1 + 2ε), so
    /// <c>max_y Σ r̃_t(y) − Σ⟨π_t, r̃_t⟩ ≤ ln n/η + ηT(1+2ε)²/8</c>; replacing r̃ by r costs at most εT in each sum, so
    /// <c>Reg_T ≤ ln n/η + ηT(1+2ε)²/8 + 2εT</c>, and with the self-play identity (which holds for the true r_t)
    /// <c>DG(π̄_T) ≤ 2 ln N/(ηT) + η(1+2ε)²/4 + 4ε = sqrt(2 ln N/T)(1 + (1+2ε)²)/2 + 4ε</c> at the tuned
    /// <c>η = sqrt(8 ln N/T)</c>. The bound is linear in ε: no threshold at which the guarantee collapses.
    /// </para>
    /// </summary>
    [Fact]
    public void AverageIterateDualityGapDegradesLinearlyInRegressionError() => PropertyRunner.Check(
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var game = run.Case.Game;
            double eta = MirrorDescent.TunedEta(game, run.Horizon);
            double rate = Math.Sqrt(2 * Math.Log(game.MaxResponses) / run.Horizon);
            var property = true.ToProperty();
            foreach (double epsilon in Errors)
            {
                double dg = Run(game, eta, run.Horizon, epsilon, new SeededRandom(run.Seed), run.Adversarial);
                double bound = rate * (1 + (1 + 2 * epsilon) * (1 + 2 * epsilon)) / 2 + 4 * epsilon;
                property = property.And((dg <= bound + 1e-12).Label($"ε={epsilon}: DG(π̄_T)={dg} > bound {bound}"));
            }
            return property;
        }),
        40);

    /// <summary>Runs approximate REBEL and returns the average iterate's duality gap.</summary>
    private static double Run(TabularGame game, double eta, int horizon, double epsilon, SeededRandom random, bool adversarial)
    {
        var model = new TabularSoftmaxPolicy(game);
        var solver = new ExactLeastSquares(0, game.MaxResponses);
        var regret = new RegretTracker(game);
        var rows = new RegressionRows(game.Contexts.Sum(c => c.Count * (c.Count - 1) / 2));
        for (int t = 0; t < horizon; t++)
        {
            rows.Clear();
            for (int c = 0; c < game.Contexts.Count; c++)
            {
                var context = game.Contexts[c];
                var logits = new double[context.Count];
                model.Logits(c, logits);
                var pi = Direct.LogSoftmax(logits).PointwiseExp();
                var r = WinRate.Against(context, pi);
                regret.Observe(c, pi.ToArray(), r.ToArray());
                double mean = pi.DotProduct(r);
                var noise = r.Map(v => epsilon * (adversarial ? -Math.Sign(v - mean) : 2 * random.NextDouble() - 1));
                for (int a = 0; a < context.Count; a++)
                    for (int b = a + 1; b < context.Count; b++)
                        rows.Add(c, a, b, r[a] + noise[a] - r[b] - noise[b]);
            }
            regret.Advance();
            solver.Fit(model, rows, eta);
        }
        return DualityGap.Of(game, regret.AveragePolicy);
    }
}
