// REBEL iterations of the GPT-2-style policy on the libtorch binding; bench/torch/rebel_step.py is the
// PyTorch-eager twin (same model, same step, same sizes). Prints response tokens per second of wall-clock
// and of process CPU time (the fairer figure on a shared machine).
using System.Diagnostics;
using System.Globalization;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Neural;
using Rebel.Torch;
using Rebel.Torch.Models;

var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
int Arg(string name, int fallback) =>
    arguments.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

Torch.Threads = Arg("threads", 1);
var device = Device.Resolve(arguments.GetValueOrDefault("device", "cpu"));
int iterations = Arg("iterations", 5), warmup = Arg("warmup", 2), length = Arg("length", 16);
var config = new TransformerConfig(Vocab: 16, Context: 24, DModel: Arg("d-model", 128), Layers: Arg("layers", 2), Heads: 4);
var options = new RebelOptions(Prompts: 32, SamplesPerPrompt: 4, Epochs: 2, MinibatchPrompts: 8, Objective: new Rebel.Preference.Objectives.RebelObjective(1));

// The bench oracle: the response with the larger token sum wins, ties at 1/2 (cheap, identical in Python).
static double Oracle(ReadOnlySpan<long> y, ReadOnlySpan<long> yPrime)
{
    long a = 0, b = 0;
    foreach (var t in y) a += t;
    foreach (var t in yPrime) b += t;
    return a > b ? 1 : a < b ? 0 : 0.5;
}

if (arguments.TryGetValue("exact", out var spec))
{
    // Cost of the exact evaluation of an enumerable sequence game: build the game, enumerate π, compute DG.
    var family = new SequenceMajority();
    var build = Stopwatch.StartNew();
    var game = family.CreateSequenceGame(GameSpec.Parse(spec, family));
    var buildSeconds = build.Elapsed.TotalSeconds;
    using var g = new Generator(1);
    using var model = new TransformerPolicy(config with { Vocab = game.Space.Vocab }, g, device);
    var evaluate = Stopwatch.StartNew();
    var gap = SequencePolicy.ExactDualityGap(model, game);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"exact game={spec} sequences={game.Space.Count} build_s={buildSeconds:F2} enumerate_and_dg_s={evaluate.Elapsed.TotalSeconds:F2} dg={gap:F4}"));
    return;
}

using var init = new Generator(1);
using var policy = new TransformerPolicy(config, init, device);
using var trainer = new RebelTrainer(policy, length, Oracle, options, seed: 1);
for (var i = 0; i < warmup; i++) trainer.Step();
Torch.Synchronize();
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
long tokens = 0;
RebelIteration? last = null;
for (var i = 0; i < iterations; i++)
{
    last = trainer.Step();
    tokens += last.Tokens;
}
Torch.Synchronize();
var seconds = clock.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rebel-torch device={device} threads={Torch.Threads} libtorch={Torch.Version} iterations={iterations} tokens={tokens} seconds={seconds:F3} tokens_per_s={tokens / seconds:F1} cpu_seconds={cpuSeconds:F3} tokens_per_cpu_s={tokens / cpuSeconds:F1} last_loss={last!.Loss:F5}"));
