using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Zoo;

namespace Rebel.Games.Tests.Zoo;

public class GeneralPreferenceModelTests
{
    [Fact]
    public void PreferenceIsTheLogisticOfTheBlockSkewScore()
    {
        var c = GameZoo.Create("gpm:n=6,k=3,seed=2").Contexts[0];
        var v = c.Features!;
        Assert.Equal(6, v.ColumnCount);
        // R = block-diag([[0, −1], [1, 0]] × 3), built explicitly; the score matrix is V R Vᵀ.
        var r = Matrix<double>.Build.Dense(6, 6);
        for (int b = 0; b < 3; b++)
        {
            r[2 * b, 2 * b + 1] = -1;
            r[2 * b + 1, 2 * b] = 1;
        }
        var score = v * r * v.Transpose();
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++)
                Assert.Equal(1 / (1 + Math.Exp(-score[a, b])), c.Preference[a, b], 13);
    }
}
