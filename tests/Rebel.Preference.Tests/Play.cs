using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Preference.Tests;

/// <summary>Shared helpers: build an algorithm through the catalogue and run it; independent closed forms.</summary>
internal static class Play
{
    public static ISelfPlayAlgorithm Create(string algorithm, TabularGame game, int iterations = 100, ulong seed = 1, SelfPlayOptions? shared = null, object? options = null) =>
        AlgorithmCatalog.Find(algorithm).Instantiate(new AlgorithmSetup(game, iterations, seed, shared ?? new SelfPlayOptions(), options));

    public static IterationMetrics Run(ISelfPlayAlgorithm algorithm, int steps)
    {
        IterationMetrics last = null!;
        for (int t = 0; t < steps; t++)
            last = algorithm.Step();
        return last;
    }

    public static IterationMetrics Run(string algorithm, string game, int iterations, ulong seed = 1, SelfPlayOptions? shared = null, object? options = null) =>
        Run(Create(algorithm, GameSource.Load(game), iterations, seed, shared, options), iterations);

    /// <summary>Softmax of <paramref name="logits"/>, written out independently of the library.</summary>
    public static Vector<double> Softmax(Vector<double> logits)
    {
        var e = logits.Map(v => Math.Exp(v - logits.Maximum()));
        return e / e.Sum();
    }

    /// <summary>The win rates <c>P π</c> of a single-context game.</summary>
    public static Vector<double> WinRates(TabularGame game, Vector<double> policy) => game.Contexts[0].Preference * policy;

    public static void AssertClose(Vector<double> expected, Vector<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public static Vector<double> Uniform(int n) => Vector<double>.Build.Dense(n, 1.0 / n);

    public static double DualityGapOf(ISelfPlayAlgorithm a) => DualityGap.Of(a.Game, a.Current);
}
