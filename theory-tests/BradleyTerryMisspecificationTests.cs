using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Property 8: on intransitive games the Bradley–Terry pipeline stays a fixed distance from the minimax winner; self-play MD does not.</summary>
public sealed class BradleyTerryMisspecificationTests
{
    private static readonly double[] KlStrengths = [1e-3, 1e-2, 0.03, 0.1, 0.3, 1, 3, 10, 100, 1e4];

    /// <summary>Margins α &gt; β &gt; γ &gt; 0 of a three-response cycle, and the responses (a, b, c) placed at random indices.</summary>
    private static readonly Gen<(double Alpha, double Beta, double Gamma, int[] Labels)> Cycles =
        from gamma in PreferenceGen.Between(0.1, 0.28)
        from beta in PreferenceGen.Between(gamma + 0.02, 0.4)
        from alpha in PreferenceGen.Between(beta + 0.1, 0.5)
        from labels in Gen.Shuffle(new[] { 0, 1, 2 })
        select (alpha, beta, gamma, labels);

    /// <summary>
    /// The family: a cycle a ≻ b ≻ c ≻ a with unequal margins <c>M(a,b) = α &gt; M(b,c) = β &gt; M(c,a) = γ &gt; 0</c>
    /// (every Condorcet profile with voter shares <c>p_{bca} &lt; p_{cab} &lt; p_{abc} &lt; 1/2</c> is one, with
    /// α = 1/2 − p_{bca}, β = 1/2 − p_{cab}, γ = 1/2 − p_{abc}). Its unique minimax winner is <c>∝ (β, γ, α)</c>.
    /// <para>
    /// The BT MLE reward is stationary where <c>Σ_j σ(r_i − r_j) = Σ_j P_ij</c> (the Borda score), and the left side is
    /// strictly increasing in r_i, so r ranks responses by Borda score: <c>s_a − s_b = 2α − β − γ &gt; 0</c> and
    /// <c>s_a − s_c = α + β − 2γ &gt; 0</c>. The KL-regularised optimum <c>π_β ∝ π_ref exp(r/β)</c> (π_ref uniform) therefore
    /// has <c>π(a) ≥ π(b), π(c)</c>, so <c>π(a) ≥ 1/3</c>, for every β.
    /// </para>
    /// <para>
    /// Bound: with <c>λ = β/(α+β)</c>, <c>max_y (Mπ)_y ≥ λ(Mπ)_a + (1−λ)(Mπ)_c</c>, where <c>(Mπ)_a = απ(b) − γπ(c)</c>
    /// and <c>(Mπ)_c = γπ(a) − βπ(b)</c>; the π(b) terms cancel, leaving <c>γ(απ(a) − βπ(c))/(α+β) ≥ γ(α−β)π(a)/(α+β)</c>.
    /// Hence <c>DG(π_β) = 2 max_y (Mπ_β)_y ≥ c = 2γ(α − β) / (3(α + β)) &gt; 0</c> for every KL strength β,
    /// while exact MD's average has <c>DG(π̄_T) ≤ sqrt(2 ln 3 / T)</c>, below c once <c>T &gt; 2 ln 3 / c²</c>.
    /// </para>
    /// </summary>
    [Fact]
    public void BradleyTerryPolicyStaysAwayFromMinimaxWinnerWhileMirrorDescentConverges() => PropertyRunner.Check(
        Prop.ForAll(Cycles.ToArbitrary(), s =>
        {
            int a = s.Labels[0], b = s.Labels[1], c = s.Labels[2];
            var margin = Matrix<double>.Build.Dense(3, 3);
            (margin[a, b], margin[b, c], margin[c, a]) = (s.Alpha, s.Beta, s.Gamma);
            var game = GameGen.Single(PreferenceGen.Skew(3, (i, j) => 0.5 + margin[i, j] - margin[j, i]));
            double bound = 2 * s.Gamma * (s.Alpha - s.Beta) / (3 * (s.Alpha + s.Beta));

            var reward = BradleyTerryFit.Reward(game.Contexts[0].Preference);
            var property = (BradleyTerryFit.Gradient(game.Contexts[0].Preference, reward).InfinityNorm() <= 1e-12).Label("BT fit not stationary")
                .And((reward[a] > reward[b] && reward[a] > reward[c]).Label($"BT reward {reward} does not rank a={a} first"));
            foreach (double beta in KlStrengths)
            {
                var policy = Direct.LogSoftmax(reward / beta).PointwiseExp();
                double dg = DualityGap.Of(game, new TabularPolicy([policy]));
                property = property.And((dg >= bound - 1e-12).Label($"β={beta}: DG(π_β)={dg} < c={bound}"));
            }

            int horizon = (int)Math.Ceiling(2 * Math.Log(3) / (bound * bound) * 1.01);
            var md = new MirrorDescent(game, MirrorDescent.TunedEta(game, horizon));
            for (int t = 0; t < horizon; t++)
                md.Step();
            double averageGap = DualityGap.Of(game, md.Average);
            return property.And((averageGap < bound).Label($"MD average DG={averageGap} not below c={bound} after T={horizon}"));
        }),
        40);
}
