using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>Property 5 along self-play: the library's REBEL with exact regression reproduces exact mirror descent.</summary>
public sealed class RebelAlgorithmTests
{
    // Only games whose every context moves away from the uniform start: on a context where uniform is already a fixed
    // point of mirror descent, a learner that never moves would agree with it, and the case would test nothing.
    private static readonly Gen<(GameCase Case, double Eta, int Horizon, ulong Seed)> Runs =
        from g in GameGen.Game(3, 2, 24).Where(MovesFromUniform)
        from eta in PolicyGen.Eta(0.01, 5)
        from t in Gen.Choose(1, 25)
        from seed in Gen.Choose(0, int.MaxValue)
        select (g, eta, t, (ulong)seed);

    /// <summary>
    /// Property 5 (self-play targets): with every response sampled once, exact feedback, all pairs and the exact
    /// least squares (ridge 0), REBEL's targets are the exact win-rate differences <c>r_t(y) − r_t(y′)</c> with
    /// <c>r_t = P π_t</c>, so each iterate equals exact MD's <c>π_{t+1} ∝ π_t exp(η r_t)</c>: log-probabilities agree
    /// to 1e-9 at every iteration, on every context.
    /// </summary>
    [Fact]
    public void ExactRebelSelfPlayIteratesAreMirrorDescentIterates() => PropertyRunner.Check(
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var game = run.Case.Game;
            var shared = new SelfPlayOptions { Eta = run.Eta, Samples = SampleCount.All, Feedback = FeedbackKind.Exact, Pairs = PairSelection.All, Fit = FitMethod.Exact };
            var rebel = new RebelAlgorithm(game, run.Eta, run.Seed, shared, new RebelOptions { Ridge = 0 });
            var md = new MirrorDescent(game, run.Eta);
            for (int t = 1; t <= run.Horizon; t++)
            {
                rebel.Step();
                md.Step();
                var current = rebel.Current;
                var log = md.CurrentLog;
                for (int c = 0; c < game.Contexts.Count; c++)
                {
                    double error = current[c].PointwiseLog().Subtract(Vector<double>.Build.Dense(log[c])).InfinityNorm();
                    if (!(error <= 1e-9))
                        return false.Label($"t={t}, context {c}: max |log π_REBEL − log π_MD| = {error}");
                }
            }
            return true.ToProperty();
        }),
        150);

    /// <summary>Whether, in every context, some response beats the uniform policy by more than 1e-3 (so the first exact step moves).</summary>
    private static bool MovesFromUniform(GameCase c) =>
        c.Game.Contexts.All(x => WinRate.Against(x, Vector<double>.Build.Dense(x.Count, 1.0 / x.Count)).Maximum() > 0.5 + 1e-3);
}
