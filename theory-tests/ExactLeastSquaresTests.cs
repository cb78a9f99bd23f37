using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Reference;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Properties 5 (exact REBEL is mirror descent) and 6 (one REBEL step is the natural policy gradient) on the library's exact solver.</summary>
public sealed class ExactLeastSquaresTests
{
    private static readonly Gen<(Vector<double> Initial, double[] Rewards, double Eta)> FixedRewardSteps =
        from n in PreferenceGen.Size(2, 64)
        from pi in PolicyGen.Interior(n)
        from r in Gen.ArrayOf(PreferenceGen.Unit, n)
        from eta in PolicyGen.Eta(0.01, 20)
        select (pi, r, eta);

    /// <summary>
    /// Property 5 (fixed rewards): the REBEL least squares over every pair with exact targets <c>r(y) − r(y′)</c>,
    /// solved exactly (tabular softmax, ridge 0), has zero residual only at <c>log π_{t+1} = log π_t + η r − log Z</c>:
    /// the mirror-descent update, to 1e-9 in log-probabilities.
    /// </summary>
    [Fact]
    public void ExactRegressionOnFixedRewardsIsTheMirrorDescentUpdate() => PropertyRunner.Check(
        Prop.ForAll(FixedRewardSteps.ToArbitrary(), s =>
        {
            int n = s.Rewards.Length;
            var game = GameGen.Single(Matrix<double>.Build.Dense(n, n, 0.5));
            var model = new TabularSoftmaxPolicy(game);
            var log = s.Initial.PointwiseLog();
            log.ToArray().CopyTo(model.Parameters, 0);
            var rows = new RegressionRows(n * (n - 1) / 2);
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++)
                    rows.Add(0, a, b, s.Rewards[a] - s.Rewards[b]);
            var fit = new ExactLeastSquares(0, n).Fit(model, rows, s.Eta);
            var rebel = Direct.LogSoftmax(model.Parameters);
            var md = Direct.LogSoftmax(log + s.Eta * Vector<double>.Build.Dense(s.Rewards));
            double error = (rebel - md).InfinityNorm();
            return (error <= 1e-9).Label($"max |log π_REBEL − log π_MD| = {error}")
                .And((fit.Loss <= 1e-20).Label($"residual {fit.Loss}"));
        }),
        300);

    private static readonly Gen<(int[] Counts, double[,] Features, double[] Rewards, double Eta, double Ridge)> NaturalGradientSteps =
        from n in Gen.Choose(3, 10)
        from counts in Gen.ArrayOf(Gen.Choose(1, 5), n)
        from d in Gen.Choose(1, n - 2)
        from features in Gen.Array2DOf(PreferenceGen.Between(-1, 1), n, d)
        from duplicate in Gen.Elements(false, false, true)
        from r in Gen.ArrayOf(PreferenceGen.Unit, n)
        from eta in PolicyGen.Eta(0.01, 10)
        from ridge in Gen.Frequency((1, Gen.Constant(0.0)), (2, PolicyGen.Eta(1e-6, 1)))
        select (counts, duplicate && d > 1 ? WithDuplicateColumn(features) : features, r, eta, ridge);

    /// <summary>
    /// Property 6 (paper, Claim 1): a log-linear policy <c>π_θ(y) ∝ exp(φ(y)·θ)</c> at <c>θ_t</c>, with data pairs drawn
    /// as <c>y, y′ ~ π_t</c> (every pair a,b with multiplicity <c>m_a m_b</c> where <c>π_t(y) = m_y / M</c>; the last feature
    /// is <c>log m_y</c> with weight 1 in θ_t so the policy is exactly that empirical distribution). The log-ratio
    /// difference is linear in θ, so one Gauss–Newton step is the least-squares solution; its normal equations are
    /// <c>(M² F + λI) u = M² g</c> with the Fisher matrix <c>F = Cov_π(φ) = E_π[∇log π ∇log πᵀ]</c> and
    /// <c>g = E_π[∇log π(y) (r(y) − E_π r)]</c>. Hence <c>θ_{t+1} − θ_t = η (F + λ/M² I)⁻¹ g</c>: the natural policy
    /// gradient step (damped by λ/M²; exact when λ = 0), computed here independently from F and the advantage.
    /// Duplicated feature columns make F singular; there only a positive ridge is used. Tolerance: 1e-9 relative, or
    /// <c>1e-14 κ</c> when the damped Fisher matrix has a condition number κ above 1e5 (no solver of that system does better).
    /// </summary>
    [Fact]
    public void ExactRegressionStepOnLogLinearPolicyIsTheNaturalPolicyGradient() => PropertyRunner.Check(
        Prop.ForAll(NaturalGradientSteps.ToArbitrary(), s =>
        {
            var setup = Setup(s.Counts, s.Features);
            var eigen = NaturalPolicyGradient.Fisher(setup.Features, setup.Policy).Evd().EigenValues.Real();
            double ridge = s.Ridge == 0 && eigen.Minimum() < 1e-8 ? 1e-3 : s.Ridge;
            double damping = ridge / (setup.Total * setup.Total);
            double condition = (eigen.Maximum() + damping) / (eigen.Minimum() + damping);
            var expected = s.Eta * NaturalPolicyGradient.Step(setup.Features, setup.Policy, Vector<double>.Build.Dense(s.Rewards), damping);
            var step = RebelStep(setup, s.Rewards, s.Eta, ridge);
            double error = (step - expected).InfinityNorm();
            double tolerance = Math.Max(1e-9, 1e-14 * condition) * Math.Max(1, expected.InfinityNorm());
            return (error <= tolerance).Label($"|REBEL step − NPG step| = {error} > {tolerance} (ridge {ridge}, condition {condition})");
        }),
        300);

    /// <summary>
    /// Property 6 (minimum norm): when F is singular (a duplicated and a constant feature column) the natural gradient is
    /// the minimum-norm <c>F⁺ g</c>; REBEL's default tiny ridge approaches it, and the directions it may get wrong are
    /// exactly those that change no logit difference. So the policy after REBEL's step equals the policy after the
    /// pseudo-inverse natural gradient step, to 1e-9 in log-probabilities plus the ridge's first-order bias: with
    /// <c>δ = λ/M²</c> and <c>e⁺</c> the smallest positive eigenvalue of F, <c>‖u_δ − u_0‖ ≤ (δ/e⁺) ‖u_0‖</c>, so
    /// log-probabilities move by at most <c>2 ‖Φ‖₂ (δ/e⁺) ‖η u_0‖</c>.
    /// </summary>
    [Fact]
    public void DefaultRidgeStepMovesThePolicyAsTheMinimumNormNaturalGradient() => PropertyRunner.Check(
        Prop.ForAll(NaturalGradientSteps.Where(s => s.Features.GetLength(1) >= 2).ToArbitrary(), s =>
        {
            var features = WithDuplicateColumn(s.Features);
            int d = features.GetLength(1);
            var singular = new double[s.Counts.Length, d + 1];
            for (int y = 0; y < s.Counts.Length; y++)
            {
                for (int k = 0; k < d; k++)
                    singular[y, k] = features[y, k];
                singular[y, d] = 1;
            }
            var setup = Setup(s.Counts, singular);
            var fisher = NaturalPolicyGradient.Fisher(setup.Features, setup.Policy);
            var expected = s.Eta * (fisher.PseudoInverse() * NaturalPolicyGradient.Gradient(setup.Features, setup.Policy, Vector<double>.Build.Dense(s.Rewards)));
            double ridge = new RebelOptions().Ridge;
            var step = RebelStep(setup, s.Rewards, s.Eta, ridge);
            var rebel = Direct.LogSoftmax(setup.Features * (setup.Theta + step));
            var npg = Direct.LogSoftmax(setup.Features * (setup.Theta + expected));
            var eigen = fisher.Evd().EigenValues.Real();
            double smallestPositive = eigen.Where(e => e > 1e-10 * eigen.Maximum()).Min();
            double bias = 2 * setup.Features.L2Norm() * ridge / (setup.Total * setup.Total) / smallestPositive * expected.L2Norm();
            double error = (rebel - npg).InfinityNorm();
            return (error <= 1e-9 + bias).Label($"max |log π_REBEL − log π_NPG| = {error} > 1e-9 + ridge bias {bias}");
        }),
        300);

    private sealed record LogLinearSetup(Matrix<double> Features, int[] Counts, LogLinearPolicy Model, Vector<double> Theta, Vector<double> Policy, double Total);

    /// <summary>
    /// Features <c>[ψ | log m]</c> and <c>θ_t = (0, …, 0, 1)</c>, so <c>π_t(y) = m_y / M</c> exactly: the policy is the
    /// empirical distribution of a sample with multiplicities m, and REBEL's pairs are all pairs of that sample.
    /// </summary>
    private static LogLinearSetup Setup(int[] counts, double[,] psi)
    {
        int n = counts.Length, d = psi.GetLength(1);
        var phi = Matrix<double>.Build.Dense(n, d + 1, (y, k) => k < d ? psi[y, k] : Math.Log(counts[y]));
        var game = TabularGame.Single("g", GameGen.Context("x0", 1, Matrix<double>.Build.Dense(n, n, 0.5), phi));
        var model = new LogLinearPolicy(game);
        model.Parameters[d] = 1;
        var logits = new double[n];
        model.Logits(0, logits);
        var theta = Vector<double>.Build.Dense((double[])model.Parameters.Clone());
        return new LogLinearSetup(phi, counts, model, theta, Direct.LogSoftmax(logits).PointwiseExp(), counts.Sum());
    }

    /// <summary>Runs the library's exact least squares on every pair of the sample and returns <c>θ_{t+1} − θ_t</c>.</summary>
    private static Vector<double> RebelStep(LogLinearSetup setup, double[] rewards, double eta, double ridge)
    {
        var m = setup.Counts;
        int n = m.Length;
        var rows = new RegressionRows(m.Select((ma, a) => ma * m.Skip(a + 1).Sum()).Sum());
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                for (int k = 0; k < m[a] * m[b]; k++)
                    rows.Add(0, a, b, rewards[a] - rewards[b]);
        new ExactLeastSquares(ridge, n).Fit(setup.Model, rows, eta);
        return Vector<double>.Build.Dense(setup.Model.Parameters) - setup.Theta;
    }

    private static double[,] WithDuplicateColumn(double[,] features)
    {
        var copy = (double[,])features.Clone();
        for (int y = 0; y < features.GetLength(0); y++)
            copy[y, 1] = features[y, 0];
        return copy;
    }
}
