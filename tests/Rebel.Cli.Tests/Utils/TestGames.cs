using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;

namespace Rebel.Cli.Tests.Utils;

/// <summary>Game files with known answers, written where a test needs them.</summary>
internal static class TestGames
{
    /// <summary>
    /// Weighted rock–paper–scissors with margins M = P − 1/2: M[r,p] = −1/12, M[r,s] = 1/4, M[p,s] = −1/4.
    /// Its unique minimax winner is (3, 3, 1)/7: every response then wins exactly 1/2 against it.
    /// </summary>
    public static TabularGame WeightedRps()
    {
        var p = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { 0.5, 0.5 - 1.0 / 12, 0.75 },
            { 0.5 + 1.0 / 12, 0.5, 0.25 },
            { 0.25, 0.75, 0.5 },
        });
        return TabularGame.Single("wrps", new GameContext("x0", 1, ["r", "p", "s"], p));
    }

    /// <summary>A dense random game on <paramref name="n"/> responses from a fixed seed (slow enough per iteration to kill a run mid-way).</summary>
    public static TabularGame Random(int n, int seed)
    {
        var rng = new System.Random(seed);
        var p = Matrix<double>.Build.Dense(n, n, 0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double u = rng.NextDouble();
                p[i, j] = u;
                p[j, i] = 1 - u;
            }
        }
        return TabularGame.Single("random", new GameContext("x0", 1, Enumerable.Range(0, n).Select(i => $"y{i}").ToArray(), p));
    }

    public static string Write(TempDirectory dir, string name, TabularGame game)
    {
        string path = dir[name];
        GameFile.Write(path, game);
        return path;
    }
}
