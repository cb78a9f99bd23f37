// Seconds per exact evaluation of a transformer policy on seq-majority: π over all V^L sequences
// (PrefixEnumeration), r = P π and the duality gap through ImplicitSequenceMajority's groups; optionally the
// ungrouped blocked O(n²) kernel (--generic 1) and the dense path of SequencePolicy + the tabular core (--dense 1,
// V^L ≤ 4096). Prints wall-clock and process CPU seconds of each phase as key=value.
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Neural;
using Rebel.Neural.Evaluation;
using Rebel.Torch;
using Rebel.Torch.Models;

var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
int Arg(string name, int fallback) =>
    arguments.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

int threads = Arg("threads", 2);
Torch.Threads = threads;
var spec = arguments.GetValueOrDefault("game", "seq-majority:vocab=4,length=8,annotators=3,seed=1");
var family = new SequenceMajority();
var results = new List<string> { $"game={spec}", $"threads={threads}" };
var process = Process.GetCurrentProcess();

// Runs one phase and records its wall-clock and CPU seconds.
T Timed<T>(string name, Func<T> phase)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = phase();
    process.Refresh();
    results.Add(string.Create(CultureInfo.InvariantCulture, $"{name}_s={clock.Elapsed.TotalSeconds:F3} {name}_cpu_s={(process.TotalProcessorTime - cpu).TotalSeconds:F3}"));
    return result;
}

var game = Timed("build", () => ImplicitSequenceMajority.Create(GameSpec.Parse(spec, family)));
results.Add($"sequences={game.Count} groups={game.Groups}");
var config = new TransformerConfig(game.Space.Vocab, game.Space.Length + 1, Arg("d-model", 128), Arg("layers", 2), Arg("heads", 4));
using var init = new Generator(1);
using var policy = new TransformerPolicy(config, init, Device.Resolve(arguments.GetValueOrDefault("device", "cpu")));
long[] prompt = [0];
var pi = Timed("enumerate", () => PrefixEnumeration.Probabilities(policy, game.Space, prompt, Arg("batch", 4096)));
var winRates = new double[game.Count];
var gap = Timed("grouped_dg", () => { game.WinRates(pi, winRates, threads); return DualityGap.FromWinRates(winRates); });
results.Add(string.Create(CultureInfo.InvariantCulture, $"dg={gap:R}"));
if (Arg("generic", 0) == 1)
{
    var generic = new double[game.Count];
    Timed("generic_dg", () => { BlockedWinRate.Against(game.Kernel(), pi, generic, threads); return 0; });
    results.Add(string.Create(CultureInfo.InvariantCulture, $"generic_max_diff={winRates.Zip(generic, (a, b) => Math.Abs(a - b)).Max():E2}"));
}
if (Arg("dense", 0) == 1)
{
    var dense = Timed("dense_build", () => family.CreateSequenceGame(GameSpec.Parse(spec, family)));
    var densePi = Timed("dense_enumerate", () => SequencePolicy.Probabilities(policy, dense.Space, prompt));
    var denseGap = Timed("dense_dg", () => DualityGap.Of(dense.Game.Contexts[0], Vector<double>.Build.Dense(densePi)));
    results.Add(string.Create(CultureInfo.InvariantCulture,
        $"dense_dg={denseGap:R} pi_max_rel_diff={pi.Zip(densePi, (a, b) => Math.Abs(a - b) / b).Max():E2}"));
}
Console.WriteLine(string.Join(' ', results));
