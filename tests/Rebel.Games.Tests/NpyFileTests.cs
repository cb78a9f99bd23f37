using System.Diagnostics;
using System.Globalization;
using Rebel.Games.Exact;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests;

public sealed class NpyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-npy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("float64", false)]
    [InlineData("float64", true)]
    [InlineData("float32", false)]
    [InlineData("float32", true)]
    public void ReadsWhatNumpySavesInEveryOrderAndWidth(string dtype, bool fortran)
    {
        // numpy writes the peers' random skew game; Rebel must read exactly its values, P[i, j] = P(y_i ≻ y_j).
        string path = Path.Combine(_dir, "p.npy");
        string order = fortran ? "np.asfortranarray(P)" : "P";
        Python($"import numpy as np; rng = np.random.default_rng(3); a = rng.standard_normal((37, 37)); s = (a - a.T) / 2; "
            + $"P = (1 / (1 + np.exp(-s))).astype(np.{dtype}); np.save('{path}', {order}); np.savetxt('{path}.txt', P.astype(np.float64), fmt='%.17g')");
        var expected = File.ReadAllLines(path + ".txt").Select(l => l.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var game = GameSource.Load(path);
        var context = Assert.Single(game.Contexts);
        Assert.Equal("y36", context.Responses[36]);
        // float32: the upper triangle as stored, the lower one 1 minus it (exactly skew in float64).
        for (int i = 0; i < 37; i++)
            for (int j = 0; j < 37; j++)
                Assert.Equal(dtype == "float32" && i > j ? 1 - expected[j][i] : expected[i][j], context.Preference[i, j]);
    }

    [Fact]
    public void WhatRebelWritesNumpyLoadsAndRebelReadsBack()
    {
        var game = TabularGame.Single("g", RandomSkewGame.Create(19, 5));
        string path = Path.Combine(_dir, "w.npy");
        NpyFile.Write(path, game);
        var back = NpyFile.Read(path);
        Assert.Equal(game.Contexts[0].PreferenceValues, back.Contexts[0].PreferenceValues);
        Assert.Equal(MinimaxWinner.Solve(game.Contexts[0]).Policy.ToArray(), MinimaxWinner.Solve(back.Contexts[0]).Policy.ToArray());
        string sum = Python($"import numpy as np; P = np.load('{path}'); print(repr(float(P[2, 7])), P.shape, P.dtype)");
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{game.Contexts[0].Preference[2, 7]:R} (19, 19) float64"), sum);
    }

    [Theory]
    [InlineData("np.save(p, np.zeros((3, 4)))", "shape (3, 4) is not a square n×n matrix")]
    [InlineData("np.save(p, np.zeros((3, 3), dtype=np.int64))", "dtype '<i8' is not supported")]
    [InlineData("np.save(p, np.zeros((3, 3), dtype='>f8'))", "dtype '>f8' is not supported")]
    [InlineData("np.save(p, np.zeros(3))", "is not a square n×n matrix")]
    [InlineData("np.save(p, np.full((3, 3), 0.5)); open(p, 'r+b').truncate(150)", "the header promises 72 bytes of data, the file has")]
    [InlineData("np.save(p, np.array([[0.5, 0.9], [0.9, 0.5]]))", "it must be 1")]
    [InlineData("np.save(p, np.array([[0.5, 0.9], [0.9, 0.5]], dtype=np.float32))", "P[0, 1] + P[1, 0] = 1.79999")]
    [InlineData("open(p, 'wb').write(b'\\x93NUMPY\\x09\\x00')", ".npy format version 9 is not supported")]
    public void BadFilesAreOneLineNamingTheFile(string write, string message)
    {
        string path = Path.Combine(_dir, "bad.npy");
        Python($"import numpy as np; p = '{path}'; {write}");
        var e = Assert.Throws<GameValidationException>(() => GameSource.Load(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string Python(string code)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        using var process = Process.Start(new ProcessStartInfo(python, ["-c", code]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{python}: {stderr}");
        return stdout.Result.Trim();
    }
}
