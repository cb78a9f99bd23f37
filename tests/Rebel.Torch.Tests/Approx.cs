namespace Rebel.Torch.Tests;

internal static class Approx
{
    public static void Equal(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: expected {expected[i]}, got {actual[i]}");
    }

    public static void Equal(double[] expected, float[] actual, double tolerance) =>
        Equal(expected, actual.Select(x => (double)x).ToArray(), tolerance);
}
