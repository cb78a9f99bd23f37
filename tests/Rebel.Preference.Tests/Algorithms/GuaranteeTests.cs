using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Preference.Algorithms;
using Xunit.Abstractions;

namespace Rebel.Preference.Tests.Algorithms;

/// <summary>
/// Every algorithm keeps, with its defaults, the promise its descriptor states (<see cref="AlgorithmDescriptor.Guarantee"/>):
/// the promised gap falls with T on five zoo games and a 3-response cyclic game with unequal margins, and a method that
/// converges linearly reaches 1e-6.
/// </summary>
public sealed class GuaranteeTests(ITestOutputHelper output)
{
    private static readonly string[] Games = ["weighted-rps:margins=1/2/4", "condorcet", "transitive:n=5", "random:n=8", "gpm:n=8", "bt-mixture:n=5,layout=cyclic"];
    private static readonly int[] Horizons = [125, 500, 2000];
    private const int Seeds = 4;

    // The methods that converge linearly to their regularised equilibrium with a constant step (docs/regularised-game.md).
    private static readonly HashSet<string> Linear = ["egpo", "inpo", "nash-mp"];

    public static TheoryData<string> Promising => new(AlgorithmCatalog.All.Where(a => a.Guarantee != Guarantee.None).Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Promising))]
    public void The_promised_gap_falls_with_T(string algorithm)
    {
        var descriptor = AlgorithmCatalog.Find(algorithm);
        foreach (string spec in Games)
        {
            var game = GameSource.Load(spec);
            var gaps = Horizons.Select(T => Enumerable.Range(0, Seeds).Average(s => Gap(descriptor, game, T, (ulong)s))).ToArray();
            double slope = Slope(Horizons.Select(t => Math.Log(t)).ToArray(), gaps.Select(g => Math.Log(Math.Max(g, 1e-16))).ToArray());
            output.WriteLine($"{algorithm} {spec}: {string.Join(" ", gaps.Select(g => g.ToString("G3")))} slope {slope:F2}");
            if (Linear.Contains(algorithm))
                Assert.True(gaps[^1] <= 1e-6 && gaps[0] > gaps[^1], $"{algorithm} on {spec}: gap {gaps[^1]:G3} at T = {Horizons[^1]}, not linear convergence to 1e-6");
            else
                Assert.True(slope <= -0.3, $"{algorithm} on {spec}: the promised gap ({descriptor.Guarantee}) {string.Join(", ", gaps.Select(g => g.ToString("G3")))} at T = {string.Join(", ", Horizons)} has slope {slope:F2} > -0.3");
        }
    }

    private static double Gap(AlgorithmDescriptor descriptor, TabularGame game, int horizon, ulong seed)
    {
        // The regularised gap at the algorithm's own τ (MMD's α); the shared τ would replace it.
        double? tau = descriptor.Guarantee == Guarantee.LastIterateRegularisedEquilibrium ? Tau(descriptor) : null;
        var algorithm = descriptor.Instantiate(new AlgorithmSetup(game, horizon, seed, new SelfPlayOptions { Tau = tau }, null));
        var m = Play.Run(algorithm, horizon);
        return descriptor.Guarantee switch
        {
            Guarantee.AverageIterateMinimaxWinner => m.DualityGapAverage,
            Guarantee.LastIterateMinimaxWinner => m.DualityGapLast,
            _ => m.Extra.Single(e => e.Key == "dg_reg").Value,
        };
    }

    private static double Tau(AlgorithmDescriptor descriptor) => Activator.CreateInstance(descriptor.OptionsType!) switch
    {
        MagneticMirrorDescentOptions o => o.Alpha,
        var o => (double)descriptor.OptionsType!.GetProperty("Tau")!.GetValue(o)!,
    };

    private static double Slope(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }
}
