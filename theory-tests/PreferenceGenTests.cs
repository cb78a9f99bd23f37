using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.TheoryTests.Generators;
using Rebel.TheoryTests.Utils;

namespace Rebel.TheoryTests;

/// <summary>The shared generators produce what the properties claim to be checked on.</summary>
public sealed class PreferenceGenTests
{
    private static readonly Gen<(PreferenceShape Shape, Matrix<double> Preference)> Shaped =
        from s in PreferenceGen.Shape
        from n in PreferenceGen.Size(2, 64)
        from p in PreferenceGen.Of(s, n)
        select (s, p);

    /// <summary>Every matrix is a valid game (GameContext validates skew-consistency) and has its shape's defining trait.</summary>
    [Fact]
    public void EveryShapeIsSkewConsistentAndHasItsDefiningTrait() => PropertyRunner.Check(
        Prop.ForAll(Shaped.ToArbitrary(), t =>
        {
            var context = GameGen.Context("x", 1, t.Preference);
            var p = t.Preference;
            int n = p.RowCount;
            bool trait = t.Shape switch
            {
                PreferenceShape.Binary => OffDiagonal(n).All(ij => p[ij.I, ij.J] is 0 or 1),
                PreferenceShape.Ties => OffDiagonal(n).All(ij => p[ij.I, ij.J] * 4 == Math.Round(p[ij.I, ij.J] * 4)),
                PreferenceShape.Dominated => Pairs(n).Any(dk => Enumerable.Range(0, n).All(j => p[dk.I, j] <= p[dk.J, j])),
                PreferenceShape.Duplicated => Pairs(n).Any(dk => p[dk.I, dk.J] == 0.5 && Enumerable.Range(0, n).All(j => j == dk.I || j == dk.J || p[dk.I, j] == p[dk.J, j])),
                PreferenceShape.BradleyTerry => HodgeDecomposition.OfLogit(context).Rotational.InfinityNorm() <= 1e-9,
                _ => true,
            };
            return trait.Label($"{t.Shape} n={n} lacks its trait");
        }),
        300);

    /// <summary>The sampled sizes cover both ends of 2..64 and every shape occurs.</summary>
    [Fact]
    public void SamplesCoverEverySizeRangeAndShape()
    {
        var sample = Gen.Sample(Shaped, 600, new Rnd(7), 50);
        Assert.Equal(600, sample.Length);
        Assert.Equal(2, sample.Min(t => t.Preference.RowCount));
        Assert.True(sample.Max(t => t.Preference.RowCount) >= 60);
        Assert.Equal(Enum.GetValues<PreferenceShape>().Length, sample.Select(t => t.Shape).Distinct().Count());
    }

    private static IEnumerable<(int I, int J)> OffDiagonal(int n) =>
        from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) where i != j select (i, j);

    private static IEnumerable<(int I, int J)> Pairs(int n) => OffDiagonal(n);
}
