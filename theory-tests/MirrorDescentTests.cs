using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Properties 1, 3, 4 and 7 along exact self-play mirror descent.</summary>
public sealed class MirrorDescentTests
{
    private static readonly Gen<(GameCase Case, double Eta, int Horizon)> Runs =
        from g in GameGen.Game(3, 2, 64)
        from eta in PolicyGen.Eta(0.01, 20)
        from t in PolicyGen.Horizon(150)
        select (g, eta, t);

    /// <summary>Property 1: <c>E_{π_t} r_t = 1/2</c> at every iterate, so the tracker's played sum is T/2 per context.</summary>
    [Fact]
    public void EveryIterateEarnsExpectedWinRateOneHalf() => PropertyRunner.Check(
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var game = run.Case.Game;
            var md = new MirrorDescent(game, run.Eta);
            for (int t = 0; t < run.Horizon; t++)
            {
                var pi = md.Current;
                for (int c = 0; c < game.Contexts.Count; c++)
                    if (Math.Abs(pi[c].DotProduct(WinRate.Against(game.Contexts[c], pi[c])) - 0.5) > 1e-12)
                        return false;
                md.Step();
            }
            return md.Regret.Sums.Played.All(s => Math.Abs(s - run.Horizon / 2.0) <= 1e-12 * run.Horizon);
        }),
        150);

    /// <summary>
    /// Property 3: Hedge on rewards in [0,1] from the uniform policy has <c>Reg_t ≤ ln n / η + η t / 8</c> at every t,
    /// per context, hence for the ρ-weighted regret with the weighted <c>ln n_x</c>. The regret is recomputed directly
    /// from the iterates and must also match the tracker's.
    /// </summary>
    [Fact]
    public void HedgeRegretBoundHoldsAtEveryIteration() => PropertyRunner.Check(
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var game = run.Case.Game;
            var md = new MirrorDescent(game, run.Eta);
            var sumRewards = game.Contexts.Select(c => Vector<double>.Build.Dense(c.Count)).ToArray();
            var played = new double[game.Contexts.Count];
            double logTerm = Direct.Expect(game, (c, _) => Math.Log(c.Count)) / run.Eta;
            for (int t = 1; t <= run.Horizon; t++)
            {
                var pi = md.Current;
                for (int c = 0; c < game.Contexts.Count; c++)
                {
                    var r = Direct.WinRates(game.Contexts[c], pi[c]);
                    sumRewards[c] += r;
                    played[c] += pi[c].DotProduct(r);
                }
                md.Step();
                double regret = Direct.Expect(game, (_, c) => sumRewards[c].Maximum() - played[c]);
                if (regret > logTerm + run.Eta * t / 8 + 1e-9)
                    return false.Label($"t={t}: Reg={regret} > bound {logTerm + run.Eta * t / 8}");
                if (Math.Abs(md.Regret.AverageRegret * t - regret) > 1e-9 * Math.Max(1, regret))
                    return false.Label($"t={t}: tracker Reg={md.Regret.AverageRegret * t}, direct {regret}");
            }
            return true.ToProperty();
        }),
        150);

    /// <summary>
    /// Property 4: the self-play identity <c>Reg_T / T = max_y P(y ≻ π̄_T) − 1/2</c> (per context, hence weighted),
    /// so <c>DG(π̄_T) = 2 Reg_T / T</c>; with the tuned <c>η = sqrt(8 ln N / T)</c>, <c>DG(π̄_T) ≤ sqrt(2 ln N / T)</c>
    /// (per context <c>2 ln n_x / (ηT) + η/4</c>, and <c>n_x ≤ N</c>). Tolerances are 1e-12 relative to max(1, value).
    /// </summary>
    [Fact]
    public void AverageRegretEqualsBestResponseAdvantageOfAverageIterate() => PropertyRunner.Check(
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var game = run.Case.Game;
            int horizon = run.Horizon;
            var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon));
            for (int t = 0; t < horizon; t++)
                md.Step();
            var average = md.Average;
            double advantage = Direct.Expect(game, (c, i) => Direct.BestResponseAdvantage(c, average[i]));
            double averageRegret = md.Regret.AverageRegret;
            double dg = DualityGap.Of(game, average);
            double bound = Math.Sqrt(2 * Math.Log(game.MaxResponses) / horizon);
            return (Math.Abs(averageRegret - advantage) <= 1e-12).Label($"Reg/T={averageRegret} vs advantage {advantage}")
                .And((Math.Abs(dg - 2 * averageRegret) <= 1e-12).Label($"DG(avg)={dg} vs 2 Reg/T={2 * averageRegret}"))
                .And((Math.Abs(md.Regret.AverageDualityGap - dg) <= 1e-12).Label($"tracker DG(avg)={md.Regret.AverageDualityGap} vs {dg}"))
                .And((dg <= bound + 1e-12).Label($"DG(avg)={dg} > sqrt(2 ln N / T)={bound}"));
        }),
        150);

    private static readonly Gen<(double[] Utilities, double Eta, int Horizon)> FixedRewardRuns =
        from n in PreferenceGen.Size(2, 64)
        from u in Gen.ArrayOf(PreferenceGen.Unit, n)
        from eta in PolicyGen.Eta(0.01, 50)
        from t in PolicyGen.Horizon(200)
        select (u, eta, t);

    /// <summary>
    /// Property 7 (fixed reward): with <c>P(y ≻ y') = 1/2 + (u_y − u_y')/2</c> the win rate is <c>u/2</c> plus a constant
    /// that the normalisation cancels, so self-play MD is Hedge on the fixed reward u/2. Tilting π_t by
    /// <c>exp(s u)</c> moves <c>E u</c> at rate <c>d/ds E_s u = Var_s(u) ≥ 0</c>, so the expected reward never decreases.
    /// </summary>
    [Fact]
    public void FixedRewardExpectationNeverDecreases() => PropertyRunner.Check(
        Prop.ForAll(FixedRewardRuns.ToArbitrary(), run =>
        {
            var u = Vector<double>.Build.Dense(run.Utilities);
            var game = GameGen.Single(PreferenceGen.Skew(u.Count, (i, j) => 0.5 + (u[i] - u[j]) / 2));
            var md = new MirrorDescent(game, run.Eta);
            double previous = md.Current[0].DotProduct(u);
            for (int t = 1; t <= run.Horizon; t++)
            {
                md.Step();
                double expected = md.Current[0].DotProduct(u);
                if (expected < previous - 1e-12)
                    return false.Label($"t={t}: E u fell from {previous} to {expected}");
                previous = expected;
            }
            return (previous <= u.Maximum() + 1e-12).Label("E u above max u");
        }),
        200);

    private static readonly Gen<(double[] Utilities, double Scale, int Horizon)> TransitiveRuns =
        from n in PreferenceGen.Size(2, 16)
        from gaps in Gen.ArrayOf(PreferenceGen.Between(0.2, 1), n)
        from order in Gen.Shuffle(Enumerable.Range(0, n))
        from scale in PreferenceGen.Between(0.5, 3)
        from t in Gen.Choose(50, 2000)
        select (order.Select(k => gaps.Take(k + 1).Sum()).ToArray(), scale, t);

    /// <summary>
    /// Property 7 (concentration): in a Bradley–Terry game the top response y* beats every other by a margin
    /// <c>m = min_{y≠y*} σ(s(u* − u_y)) − 1/2 &gt; 0</c>, so <c>DG(π) ≥ 2 (Pπ)_{y*} − 1 ≥ 2m (1 − π(y*))</c>. With property 4,
    /// <c>π̄_T(y*) ≥ 1 − sqrt(2 ln n / T) / (2m)</c>: the average iterate concentrates on y* at that rate.
    /// </summary>
    [Fact]
    public void AverageIterateConcentratesOnTopResponseOfBradleyTerryGame() => PropertyRunner.Check(
        Prop.ForAll(TransitiveRuns.ToArbitrary(), run =>
        {
            var u = run.Utilities.Select(v => v * run.Scale).ToArray();
            var game = GameGen.Single(PreferenceGen.BradleyTerry(u));
            int top = Array.IndexOf(u, u.Max());
            double margin = Enumerable.Range(0, u.Length).Where(y => y != top).Min(y => game.Contexts[0].Preference[top, y]) - 0.5;
            var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, run.Horizon));
            for (int t = 0; t < run.Horizon; t++)
                md.Step();
            double mass = md.Average[0][top];
            double bound = 1 - Math.Sqrt(2 * Math.Log(u.Length) / run.Horizon) / (2 * margin);
            return (mass >= bound - 1e-12).Label($"π̄(y*)={mass} < {bound}");
        }),
        80);
}
