using System.Diagnostics;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Randomness;
using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.Runs;

namespace Rebel.Bench.Egpo;

/// <summary>
/// EGPO's tabular simulation suite (Zhou et al. 2025, repository zhourunlong/EGPO, <c>simulations/</c>) on Rebel:
/// random 10×10 preference matrices (lower triangle uniform on [0, 1], as its <c>gen_preference_matrix</c>), one per
/// seed, β ∈ {0.1, 0.01, 0.001} with that code's iterations and learning rates, exact and 100-sample losses, and the
/// regularised duality gap of each method against the iteration. Writes <c>table.md</c>, <c>curves.csv</c> and one
/// <c>dg_reg-beta*-{exact,sampled}.svg</c> per β and loss into the output folder (docs/regularised-game.md maps lr onto each method's η).
/// </summary>
internal static class EgpoSimulation
{
    private const int Responses = 10;
    private const int Samples = 100;

    /// <summary>
    /// β, loss, iterations and SGD learning rate of the paper code's <c>configs.py</c> (tabular). It configures the
    /// sampled ("empirical") losses for β = 0.01 only; the other two β reuse the exact losses' settings.
    /// </summary>
    private static readonly (double Beta, bool Sampled, int Iterations, double Lr)[] Settings =
    [
        (0.1, false, 1000, 0.1), (0.1, true, 1000, 0.1),
        (0.01, false, 5000, 0.02), (0.01, true, 100_000, 0.0002),
        (0.001, false, 100_000, 0.0002), (0.001, true, 100_000, 0.0002),
    ];

    /// <summary>One curve: a method as the paper names it, the Rebel algorithm and its options for β and lr.</summary>
    private sealed record Method(string Label, string Algorithm, bool Sampled, Func<double, double, (SelfPlayOptions Shared, object? Own)> Options);

    private static readonly Method[] Methods =
    [
        // The paper code's SGD step of lr on the tabular online-IPO loss is a mirror step with weight a = 4 lr / n.
        new("Online IPO 1 (OMD) = inpo", "inpo", false, (b, lr) => (new() { Eta = Omd(b, lr) }, new InpoOptions { Tau = b })),
        new("Online IPO 2 = online-ipo --loss exact", "online-ipo", false, (b, lr) => (new() { LearningRate = lr }, new OnlineIpoOptions { Tau = b, Loss = LossKind.Exact })),
        // Nash-MD learns from samples unless every response is drawn: --samples all is its exact form.
        new("Nash-MD", "nash-md", false, (b, lr) => (new() { Eta = Step(lr) / b, Samples = SampleCount.All }, new NashMdOptions { Tau = b })),
        new("Nash-MD-PG", "nash-md-pg", false, (b, lr) => (new() { Eta = Mixture(b, lr), LearningRate = lr }, new NashMdPgOptions { Tau = b })),
        new("EGPO", "egpo", false, (b, lr) => (new() { Eta = Step(lr) / b }, new EgpoOptions { Tau = b })),
        // Nash-MP's two proximal steps each take INPO's weights, ητ/(1+ητ) = 4 lr/n.
        new("Nash-MP", "nash-mp", false, (b, lr) => (new() { Eta = Omd(b, lr) }, new NashMirrorProxOptions { Tau = b })),
        // MPO's magnet (α = β) moves to the last iterate every 25 steps: it targets the unregularised minimax winner, not the τ-regularised equilibrium DG_τ measures.
        new("MPO (moving magnet, α = β)", "mpo", false, (b, lr) => (new() { Eta = Omd(b, lr) }, new MpoOptions { Alpha = b })),
        new("mirror descent (unregularised)", "mirror-descent", false, (b, lr) => (new() { Eta = Omd(b, lr) }, null)),
        new("REBEL (exact, --samples all)", "rebel", false, (b, lr) => (new() { Eta = Omd(b, lr), Samples = SampleCount.All }, null)),
        new("Online IPO 2 empirical = online-ipo", "online-ipo", true, (b, lr) => (Sampled with { LearningRate = lr }, new OnlineIpoOptions { Tau = b })),
        // Nash-MD from samples: responses of π_t against opponents drawn from the mixture, importance-weighted.
        new("Nash-MD (--samples 100)", "nash-md", true, (b, lr) => (Sampled with { Eta = Step(lr) / b }, new NashMdOptions { Tau = b })),
        new("Nash-MD-PG empirical", "nash-md-pg", true, (b, lr) => (Sampled with { Eta = Mixture(b, lr), LearningRate = lr }, new NashMdPgOptions { Tau = b, Loss = LossKind.Sampled })),
        new("EGPO empirical", "egpo", true, (b, lr) => (Sampled with { LearningRate = lr }, new EgpoOptions { Tau = b, Loss = LossKind.Sampled })),
        new("Nash-MP (--loss sampled)", "nash-mp", true, (b, lr) => (Sampled with { Eta = Omd(b, lr) }, new NashMirrorProxOptions { Tau = b, Loss = LossKind.Sampled })),
        new("MPO (--loss sampled, moving magnet, α = β)", "mpo", true, (b, lr) => (Sampled with { Eta = Omd(b, lr), LearningRate = lr }, new MpoOptions { Alpha = b, Loss = LossKind.Sampled })),
        new("REBEL (--samples 100)", "rebel", true, (b, lr) => (Sampled with { Eta = Omd(b, lr) }, null)),
    ];

    private static double Step(double lr) => 4 * lr / Responses;

    /// <summary>INPO's η with <c>ητ/(1+ητ) = 4 lr/n</c>.</summary>
    private static double Omd(double beta, double lr) => Step(lr) / (beta * (1 - Step(lr)));

    /// <summary>The code's Nash-MD(-PG) mixture weight is <c>2 lr / n</c>, i.e. η = 2 lr/(nβ).</summary>
    private static double Mixture(double beta, double lr) => 2 * lr / (Responses * beta);

    /// <summary>
    /// 100 responses per context per iteration, 200 oracle queries among them (the code's 100 triplets query 200); the
    /// methods that take a gradient step of lr add it, the others refuse it.
    /// </summary>
    private static SelfPlayOptions Sampled => new() { Samples = SampleCount.Of(Samples), QueryBudget = 2 * Samples };

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int at = Array.IndexOf(args, "--out");
        string output = at >= 0 && at + 1 < args.Length ? args[at + 1] : Path.Combine("bench", "egpo");
        int seeds = quick ? 3 : 10;
        // --methods a,b: only the methods of those Rebel algorithms (a suite of new methods beside the stored one;
        // the games and seeds are the same, so the other rows of table.md stand unchanged).
        int pick = Array.IndexOf(args, "--methods");
        var algorithms = pick >= 0 && pick + 1 < args.Length ? args[pick + 1].Split(',') : null;
        var methods = Methods.Where(m => algorithms is null || algorithms.Contains(m.Algorithm)).ToArray();
        // --settings 0.01-sampled,…: only those β and losses.
        int only = Array.IndexOf(args, "--settings");
        var settings = only >= 0 && only + 1 < args.Length ? args[only + 1].Split(',') : null;
        Directory.CreateDirectory(output);
        var games = Enumerable.Range(0, seeds).Select(RandomPreferences).ToArray();
        WriteEquilibria(Path.Combine(output, "equilibria.json"), games);
        var table = new StringBuilder();
        var csv = new StringBuilder("beta,loss,method,iteration,dg_reg_mean,dg_reg_max\n");
        table.AppendLine(CultureInfo.InvariantCulture, $"Regularised duality gap DG_τ (mean ± standard error over {seeds} random {Responses}×{Responses} games, seeds 0..{seeds - 1}; max in brackets) at T/10, T/2 and T; τ = β; {(quick ? "--quick: a tenth of the iterations" : "the paper code's iterations and learning rates (its sampled settings exist for β = 0.01 only; the other β reuse the exact ones)")}.");
        table.AppendLine();
        foreach (var (beta, sampled, fullIterations, lr) in Settings)
        {
            int iterations = quick ? fullIterations / 10 : fullIterations;
            string loss = sampled ? "sampled" : "exact";
            if (settings is not null && !settings.Contains(string.Create(CultureInfo.InvariantCulture, $"{beta}-{loss}")))
                continue;
            var certificates = games.Select(g => new RegularisedGame(g, beta).Solve().DualityGap).ToArray();
            table.AppendLine(CultureInfo.InvariantCulture, $"### β = {beta}, {(sampled ? $"{Samples}-sample" : "exact")} losses, T = {iterations}, lr = {lr} (solver certificates DG_τ(π*) ≤ {certificates.Max(Math.Abs):G2})");
            table.AppendLine();
            table.AppendLine("| method | T/10 | T/2 | T | wall seconds |");
            table.AppendLine("|---|---:|---:|---:|---:|");
            var series = new List<ChartSeries>();
            foreach (var method in methods.Where(m => m.Sampled == sampled))
            {
                var clock = Stopwatch.StartNew();
                // Games on the machine's cores (each run is its own seeded object, so the curves are the same bits).
                var curves = games.AsParallel().AsOrdered().Select((g, s) => Curve(g, (ulong)s, method, beta, lr, iterations)).ToArray();
                double seconds = clock.Elapsed.TotalSeconds;
                double Mean(int t) => curves.Average(c => c[t - 1]);
                double Max(int t) => curves.Max(c => c[t - 1]);
                // The standard error over the games (each game its own seed).
                double Se(int t) => Math.Sqrt(curves.Sum(c => (c[t - 1] - Mean(t)) * (c[t - 1] - Mean(t))) / (curves.Length - 1) / curves.Length);
                string Cell(int t) => string.Create(CultureInfo.InvariantCulture, $"{Mean(t):G3} ± {Se(t):G2} ({Max(t):G3})");
                table.AppendLine(CultureInfo.InvariantCulture, $"| {method.Label} | {Cell(Math.Max(1, iterations / 10))} | {Cell(iterations / 2)} | {Cell(iterations)} | {seconds:F1} |");
                // The plot takes 500 points per curve (it keeps each pixel's envelope), the CSV 100.
                var x = Grid(iterations, 500).Select(t => (double)t).ToArray();
                var y = x.Select(t => Mean((int)t)).ToArray();
                foreach (int t in Grid(iterations, 100))
                    csv.AppendLine(CultureInfo.InvariantCulture, $"{beta},{loss},{method.Label},{t},{Mean(t):R},{Max(t):R}");
                series.Add(new ChartSeries(method.Label, x, y));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"β={beta} {method.Label} ({loss}): final mean DG_τ {Mean(iterations):G3}, {seconds:F1} s"));
            }
            table.AppendLine();
            // What is measured so far, so that a long suite stopped part-way keeps its finished settings.
            File.WriteAllText(Path.Combine(output, "table.md"), table.ToString());
            File.WriteAllText(Path.Combine(output, "curves.csv"), csv.ToString());
            string name = string.Create(CultureInfo.InvariantCulture, $"dg_reg-beta{beta}-{loss}.svg");
            File.WriteAllText(Path.Combine(output, name), SvgLineChart.Render(
                string.Create(CultureInfo.InvariantCulture, $"EGPO suite, {loss} losses: mean DG_τ over {seeds} random 10×10 games, β = {beta}"), "iteration", "DG_τ (regularised duality gap)", series));
        }
        table.AppendLine("Independent check of the equilibria (`bench/egpo/peer_equilibrium.py`, scipy's root finder on the same fixed point):");
        table.AppendLine();
        table.AppendLine("```");
        table.AppendLine(Peer(output));
        table.AppendLine("```");
        File.WriteAllText(Path.Combine(output, "table.md"), table.ToString());
        File.WriteAllText(Path.Combine(output, "curves.csv"), csv.ToString());
        Console.WriteLine($"wrote {Path.Combine(output, "table.md")}, curves.csv and dg_reg-beta*-{{exact,sampled}}.svg");
        return 0;
    }

    /// <summary>Iteration 1 and about <paramref name="points"/> evenly spaced iterations up to <paramref name="iterations"/>.</summary>
    private static IEnumerable<int> Grid(int iterations, int points)
    {
        int stride = Math.Max(1, iterations / points);
        return Enumerable.Range(0, iterations / stride + 1).Select(k => Math.Max(1, k * stride)).Distinct();
    }

    /// <summary>The games and, per β, Rebel's certified equilibria, for the independent check.</summary>
    private static void WriteEquilibria(string path, TabularGame[] games)
    {
        static string Numbers(IEnumerable<double> v) => "[" + string.Join(", ", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        var json = new StringBuilder("{\"games\": [");
        json.AppendJoin(", ", games.Select(g => "[" + string.Join(", ", g.Contexts[0].Preference.EnumerateRows().Select(Numbers)) + "]"));
        json.Append("], \"betas\": [");
        json.AppendJoin(", ", Settings.Select(s => s.Beta).Distinct().Select(beta => string.Create(CultureInfo.InvariantCulture, $"{{\"beta\": {beta}, \"equilibria\": [")
            + string.Join(", ", games.Select(g => Numbers(new RegularisedGame(g, beta).Solve().Policy[0]))) + "]}"));
        json.Append("]}\n");
        File.WriteAllText(path, json.ToString());
    }

    /// <summary>Runs the numpy/scipy check on <c>equilibria.json</c> when <c>/usr/bin/python3</c> has them; its output, or why not.</summary>
    private static string Peer(string output)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "peer_equilibrium.py");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [script, Path.Combine(output, "equilibria.json")]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? stdout.TrimEnd() : "peer failed: " + stderr.Trim().Split('\n')[^1];
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "peer not run: " + e.Message;
        }
    }

    /// <summary><c>dg_reg</c> of every iteration of one method on one game.</summary>
    private static double[] Curve(TabularGame game, ulong seed, Method method, double beta, double lr, int iterations)
    {
        var (shared, own) = method.Options(beta, lr);
        var algorithm = new RegularisedSelfPlay(
            AlgorithmCatalog.Find(method.Algorithm).Create(new AlgorithmSetup(game, iterations, seed, shared, own)),
            new RegularisedGame(game, beta));
        var curve = new double[iterations];
        for (int t = 0; t < iterations; t++)
            curve[t] = algorithm.Step().Extra[0].Value;
        return curve;
    }

    /// <summary>The paper code's random preference matrix: <c>P[i, j] ~ U(0, 1)</c> below the diagonal, <c>1 − P[j, i]</c> above, 1/2 on it.</summary>
    private static TabularGame RandomPreferences(int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var p = Matrix<double>.Build.Dense(Responses, Responses, 0.5);
        for (int i = 1; i < Responses; i++)
            for (int j = 0; j < i; j++)
            {
                p[i, j] = random.NextDouble();
                p[j, i] = 1 - p[i, j];
            }
        var names = Enumerable.Range(0, Responses).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return TabularGame.Single($"egpo-random-{seed}", new GameContext("x0", 1, names, p));
    }
}
