using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;

namespace Rebel.TheoryTests.Generators;

/// <summary>Random contexts and games: several contexts with random weights, each with its own size and shape.</summary>
internal static class GameGen
{
    /// <summary>A context named <paramref name="name"/> from a preference matrix, responses y0..y(n−1).</summary>
    public static GameContext Context(string name, double weight, Matrix<double> preference, Matrix<double>? features = null) =>
        new(name, weight, Enumerable.Range(0, preference.RowCount).Select(i => $"y{i}").ToArray(), preference, features);

    /// <summary>A one-context game from a matrix.</summary>
    public static TabularGame Single(Matrix<double> preference) => TabularGame.Single("g", Context("x0", 1, preference));

    /// <summary>A game of 1..<paramref name="maxContexts"/> contexts of sizes in [<paramref name="minSize"/>, <paramref name="maxSize"/>], shapes from <paramref name="shape"/>.</summary>
    public static Gen<GameCase> Game(int maxContexts, int minSize, int maxSize, Gen<PreferenceShape> shape) =>
        from count in Gen.Choose(1, maxContexts)
        from contexts in Gen.ArrayOf(ContextOf(minSize, maxSize, shape), count)
        select new GameCase(
            new TabularGame("g", contexts.Select((c, i) => Context($"x{i}", c.Weight, c.Preference)).ToArray()),
            contexts.Select(c => c.Shape).ToArray());

    /// <summary>A game of any shape.</summary>
    public static Gen<GameCase> Game(int maxContexts, int minSize, int maxSize) => Game(maxContexts, minSize, maxSize, PreferenceGen.Shape);

    private static Gen<(PreferenceShape Shape, double Weight, Matrix<double> Preference)> ContextOf(int minSize, int maxSize, Gen<PreferenceShape> shape) =>
        from s in shape
        from n in PreferenceGen.Size(minSize, maxSize)
        from p in PreferenceGen.Of(s, n)
        from w in Gen.Choose(1, 1000)
        select (s, (double)w, p);
}
