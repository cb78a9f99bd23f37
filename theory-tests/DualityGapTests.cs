using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Properties 2 (certificates) and 9 (invariances) of the duality gap.</summary>
public sealed class DualityGapTests
{
    /// <summary>
    /// Property 2: <c>DG(π) = 2 E_x[max_y P(y ≻ π) − 1/2] ≥ 0</c>, because <c>max_y (Pπ)_y ≥ πᵀPπ = 1/2</c>;
    /// the library's value must equal the formula.
    /// </summary>
    [Fact]
    public void DualityGapIsNonNegativeAndEqualsTwiceTheBestResponseAdvantage() => PropertyRunner.Check(
        Prop.ForAll(PolicyGen.GameAndPolicy.ToArbitrary(), t =>
        {
            double dg = DualityGap.Of(t.Case.Game, t.Policy);
            double direct = Direct.DualityGap(t.Case.Game, t.Policy);
            return (dg >= -1e-12).Label($"DG={dg} < 0").And((Math.Abs(dg - direct) <= 1e-12).Label($"DG={dg}, formula {direct}"));
        }),
        300);

    /// <summary>The best response's win rate is the largest win rate, so it attains the gap.</summary>
    [Fact]
    public void BestResponseAttainsTheLargestWinRate() => PropertyRunner.Check(
        Prop.ForAll(PolicyGen.GameAndPolicy.ToArbitrary(), t => t.Case.Game.Contexts.Select((c, i) =>
        {
            var r = Direct.WinRates(c, t.Policy[i]);
            return r[BestResponse.Of(c, t.Policy[i])] >= r.Maximum() - 1e-12;
        }).All(ok => ok)),
        300);

    private static readonly Gen<(GameCase Case, TabularPolicy First, TabularPolicy Second, double Lambda)> Mixtures =
        from g in GameGen.Game(3, 2, 64)
        from p in PolicyGen.For(g.Game)
        from q in PolicyGen.For(g.Game)
        from l in PreferenceGen.Unit
        select (g, p, q, l);

    /// <summary>Property 9: DG is a weighted maximum of functions linear in π, hence convex.</summary>
    [Fact]
    public void DualityGapIsConvexInThePolicy() => PropertyRunner.Check(
        Prop.ForAll(Mixtures.ToArbitrary(), t =>
        {
            var game = t.Case.Game;
            var mix = new TabularPolicy(Enumerable.Range(0, game.Contexts.Count).Select(c => t.Lambda * t.First[c] + (1 - t.Lambda) * t.Second[c]).ToArray());
            double lhs = DualityGap.Of(game, mix);
            double rhs = t.Lambda * DualityGap.Of(game, t.First) + (1 - t.Lambda) * DualityGap.Of(game, t.Second);
            return (lhs <= rhs + 1e-12).Label($"DG(mix)={lhs} > {rhs}");
        }),
        300);

    private static readonly Gen<(GameCase Case, TabularPolicy Policy, int[] Copied, double Split)> Duplications =
        from g in GameGen.Game(3, 2, 63)
        from p in PolicyGen.For(g.Game)
        from k in Gen.CollectToArray(g.Game.Contexts, c => Gen.Choose(0, c.Count - 1))
        from s in PreferenceGen.Unit
        select (g, p, k, s);

    /// <summary>
    /// Property 9: appending a copy of response k (same row and column, 1/2 against k) and splitting π(k) between k and
    /// its copy leaves every win rate of the original responses, hence DG, unchanged.
    /// </summary>
    [Fact]
    public void DuplicatingAResponseLeavesTheDualityGapOfTheInducedPolicyUnchanged() => PropertyRunner.Check(
        Prop.ForAll(Duplications.ToArbitrary(), t =>
        {
            var game = t.Case.Game;
            var duplicated = new TabularGame("dup", game.Contexts.Select((c, i) => GameGen.Context(c.Name, c.Weight, Duplicate(c.Preference, t.Copied[i]))).ToArray());
            var induced = new TabularPolicy(Enumerable.Range(0, game.Contexts.Count).Select(i => Split(t.Policy[i], t.Copied[i], t.Split)).ToArray());
            double before = DualityGap.Of(game, t.Policy), after = DualityGap.Of(duplicated, induced);
            return (Math.Abs(before - after) <= 1e-12).Label($"DG {before} became {after}");
        }),
        300);

    /// <summary>The (n+1)×(n+1) matrix with response n a copy of response k.</summary>
    internal static Matrix<double> Duplicate(Matrix<double> p, int k)
    {
        int n = p.RowCount;
        int Source(int i) => i == n ? k : i;
        return PreferenceGen.Skew(n + 1, (i, j) => j == n && i == k ? 0.5 : p[Source(i), Source(j)]);
    }

    private static Vector<double> Split(Vector<double> pi, int k, double share)
    {
        var v = Vector<double>.Build.Dense(pi.Count + 1);
        pi.CopySubVectorTo(v, 0, 0, pi.Count);
        v[k] = share * pi[k];
        v[pi.Count] = (1 - share) * pi[k];
        return v;
    }
}
