using System.Globalization;
using System.Text;
using Rebel.Games;
using Rebel.Preference;

namespace Rebel.Bench.LastIterate;

/// <summary>
/// The last-iterate suite (issue 22): comal, egpo, nash-mp, mpo, omwu and extragradient, each with its defaults and
/// exact win rates (omwu and extragradient with every response drawn and exact feedback, which is their exact form),
/// judged by the unregularised duality gap of their last iterate, <c>dg_last</c>, at T = 10², 10³, 10⁴ on two 3-response
/// cyclic games with unequal margins, condorcet, and ten random 10×10 games (<c>random:n=10,seed=s</c>, s = 0…9; mean ±
/// standard error over the ten). egpo and nash-mp converge to the τ = 0.1 regularised equilibrium, whose unregularised
/// gap is not 0; their <c>dg_reg</c> is given beside. Writes <c>table.md</c> into the output folder.
/// </summary>
internal static class LastIterateSuite
{
    private static readonly string[] Algorithms = ["comal", "mpo", "egpo", "nash-mp", "omwu", "extragradient"];
    private static readonly int[] Horizons = [100, 1_000, 10_000];
    private const int RandomGames = 10;

    public static int Run(string[] args)
    {
        string output = args.Length > 1 ? args[1] : Path.Combine("bench", "last-iterate");
        Directory.CreateDirectory(output);
        (string Title, string[] Specs)[] suites =
        [
            ("weighted-rps (margins 1/3/3)", ["weighted-rps"]),
            ("weighted-rps:margins=1/2/4", ["weighted-rps:margins=1/2/4"]),
            ("condorcet", ["condorcet"]),
            ($"random 10×10, seeds 0–{RandomGames - 1}", [.. Enumerable.Range(0, RandomGames).Select(s => $"random:n=10,seed={s}")]),
        ];
        var sb = new StringBuilder("# Last-iterate suite\n\n`dotnet run -c Release --project bench/Rebel.Bench -- last-iterate` (defaults; exact win rates). `dg_last` of the\nunregularised game at T = 10² / 10³ / 10⁴; on the random games mean ± standard error over the ten games. In brackets:\n`dg_reg` (τ = 0.1) at 10⁴ for the methods that promise the regularised equilibrium.\n\n");
        sb.Append("| algorithm | " + string.Join(" | ", suites.Select(s => s.Title)) + " |\n|---|" + string.Concat(suites.Select(_ => "---|")) + "\n");
        foreach (string algorithm in Algorithms)
        {
            var descriptor = AlgorithmCatalog.Find(algorithm);
            bool regularised = descriptor.Guarantee == Guarantee.LastIterateRegularisedEquilibrium;
            sb.Append(CultureInfo.InvariantCulture, $"| {algorithm} |");
            foreach (var (_, specs) in suites)
            {
                var runs = specs.Select(spec => Gaps(descriptor, GameSource.Load(spec), regularised)).ToArray();
                var cells = Horizons.Select((_, h) => Cell(runs.Select(r => r.Last[h]).ToArray()));
                string reg = regularised ? $" [{Cell(runs.Select(r => r.Regularised).ToArray())}]" : "";
                sb.Append(CultureInfo.InvariantCulture, $" {string.Join(" / ", cells)}{reg} |");
            }
            sb.Append('\n');
            Console.Error.WriteLine($"{algorithm} done");
        }
        File.WriteAllText(Path.Combine(output, "table.md"), sb.ToString());
        Console.Write(sb);
        return 0;
    }

    private static (double[] Last, double Regularised) Gaps(AlgorithmDescriptor descriptor, TabularGame game, bool regularised)
    {
        var last = new double[Horizons.Length];
        double reg = double.NaN;
        for (int h = 0; h < Horizons.Length; h++)
        {
            var shared = new SelfPlayOptions { Tau = regularised && h == Horizons.Length - 1 ? 0.1 : null };
            if (descriptor.Name is "omwu" or "extragradient")
                shared = shared with { Samples = SampleCount.All };
            var algorithm = descriptor.Instantiate(new AlgorithmSetup(game, Horizons[h], 0, shared, null));
            IterationMetrics m = null!;
            for (int t = 0; t < Horizons[h]; t++)
                m = algorithm.Step();
            last[h] = m.DualityGapLast;
            if (shared.Tau is not null)
                reg = m.Extra.Single(e => e.Key == "dg_reg").Value;
        }
        return (last, reg);
    }

    private static string Cell(double[] values)
    {
        double mean = values.Average();
        if (values.Length == 1)
            return mean.ToString("G2", CultureInfo.InvariantCulture);
        double se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:G2} ± {se:G1}");
    }
}
