using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Properties 2, 7 and 9 of the minimax-winner solver, each judged by an independently computed certificate.</summary>
public sealed class MinimaxWinnerTests
{
    /// <summary>
    /// Property 2: the solver's policy has <c>DG ≤ 1e-9</c> (recomputed from the policy, and equal to the reported
    /// certificate); hence no pure response beats it: <c>P(y ≻ π*) ≤ 1/2 + 1e-9</c> for every y, i.e. π* wins with
    /// probability at least <c>1/2 − 1e-9</c> against everything, while <c>P(π* ≻ π*) = 1/2</c>: the game value is 1/2.
    /// The reported support is exactly the responses with positive probability.
    /// </summary>
    [Fact]
    public void SolverReturnsACertifiedMinimaxWinnerWithGameValueOneHalf() => PropertyRunner.Check(
        Prop.ForAll(GameGen.Game(3, 2, 64).ToArbitrary(), g =>
        {
            var game = g.Game;
            var solution = MinimaxWinner.Solve(game);
            double dg = Direct.DualityGap(game, solution.Policy);
            var property = (dg <= 1e-9).Label($"DG(π*)={dg}")
                .And((Math.Abs(solution.DualityGap - dg) <= 1e-12).Label($"reported DG {solution.DualityGap} vs {dg}"));
            for (int c = 0; c < game.Contexts.Count; c++)
            {
                var context = game.Contexts[c];
                var pi = solution.Policy[c];
                double best = Direct.WinRates(context, pi).Maximum();
                double value = pi.DotProduct(Direct.WinRates(context, pi));
                var support = Enumerable.Range(0, pi.Count).Where(y => pi[y] > 0).ToArray();
                property = property
                    .And((best <= 0.5 + 1e-9).Label($"{context.Name}: a pure response wins {best} against π*"))
                    .And((Math.Abs(value - 0.5) <= 1e-12).Label($"{context.Name}: value {value}"))
                    .And(solution.Contexts[c].Support.SequenceEqual(support).Label($"{context.Name}: support {string.Join(",", solution.Contexts[c].Support)} vs {string.Join(",", support)}"));
            }
            return property;
        }),
        300);

    private static readonly Gen<double[]> SpreadUtilities =
        from n in PreferenceGen.Size(2, 64)
        from gaps in Gen.ArrayOf(PreferenceGen.Between(0.05, 0.5), n)
        from order in Gen.Shuffle(Enumerable.Range(0, n))
        select order.Select(k => gaps.Take(k + 1).Sum()).ToArray();

    /// <summary>
    /// Property 7: with Bradley–Terry utilities the top response beats every other (<c>σ(u* − u) &gt; 1/2</c>), so it is a
    /// Condorcet winner and the unique minimax winner: the solver returns that pure policy.
    /// </summary>
    [Fact]
    public void MinimaxWinnerOfBradleyTerryGameIsThePureTopResponse() => PropertyRunner.Check(
        Prop.ForAll(SpreadUtilities.ToArbitrary(), u =>
        {
            var game = GameGen.Single(PreferenceGen.BradleyTerry(u));
            int top = Array.IndexOf(u, u.Max());
            var pi = MinimaxWinner.Solve(game.Contexts[0]).Policy;
            return (Math.Abs(pi[top] - 1) <= 1e-9).Label($"π*(top={top}) = {pi[top]}");
        }),
        200);

    private static readonly Gen<(Matrix<double> Preference, int[] Permutation)> Relabellings =
        from n in PreferenceGen.Size(2, 40)
        from p in PreferenceGen.Generic(n)
        from sigma in Gen.Shuffle(Enumerable.Range(0, n))
        select (p, sigma);

    /// <summary>
    /// Property 9: relabelling responses by σ (<c>P′[i, j] = P[σ(i), σ(j)]</c>) permutes the minimax winner,
    /// <c>π′(i) = π(σ(i))</c>. Entries are continuous, so the winner is unique almost surely and the comparison is exact
    /// up to 1e-7 (a solver of a non-unique game may legitimately return another point of the winner set).
    /// </summary>
    [Fact]
    public void RelabellingResponsesPermutesTheMinimaxWinner() => PropertyRunner.Check(
        Prop.ForAll(Relabellings.ToArbitrary(), s =>
        {
            int n = s.Permutation.Length;
            var relabelled = Matrix<double>.Build.Dense(n, n, (i, j) => s.Preference[s.Permutation[i], s.Permutation[j]]);
            var pi = MinimaxWinner.Solve(GameGen.Single(s.Preference).Contexts[0]).Policy;
            var piRelabelled = MinimaxWinner.Solve(GameGen.Single(relabelled).Contexts[0]).Policy;
            double error = Enumerable.Range(0, n).Max(i => Math.Abs(piRelabelled[i] - pi[s.Permutation[i]]));
            return (error <= 1e-7).Label($"max |π′(i) − π(σ(i))| = {error}");
        }),
        200);

    private static readonly Gen<(GameCase Case, int Copied)> Duplications =
        from g in GameGen.Game(1, 2, 63)
        from k in Gen.Choose(0, g.Game.Contexts[0].Count - 1)
        select (g, k);

    /// <summary>
    /// Property 9: duplicating response k keeps the value 1/2 and the winner: merging the copies' mass in the winner of
    /// the enlarged game gives a minimax winner of the original one (DG ≤ 1e-9), because every original response's
    /// win rate against the merged policy is its win rate against the enlarged winner.
    /// </summary>
    [Fact]
    public void MergingDuplicatedResponsesOfAWinnerGivesAWinner() => PropertyRunner.Check(
        Prop.ForAll(Duplications.ToArbitrary(), s =>
        {
            var context = s.Case.Game.Contexts[0];
            int n = context.Count;
            var enlarged = GameGen.Single(DualityGapTests.Duplicate(context.Preference, s.Copied)).Contexts[0];
            var result = MinimaxWinner.Solve(enlarged);
            var merged = Vector<double>.Build.Dense(n, i => result.Policy[i] + (i == s.Copied ? result.Policy[n] : 0));
            double dg = DualityGap.Of(context, merged);
            double enlargedValue = result.Policy.DotProduct(Direct.WinRates(enlarged, result.Policy));
            return (dg <= 1e-9).Label($"DG of merged winner {dg}").And((Math.Abs(enlargedValue - 0.5) <= 1e-12).Label($"value {enlargedValue}"));
        }),
        200);
}
