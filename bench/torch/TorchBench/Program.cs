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
var config = new TransformerConfig(Vocab: Arg("vocab", 16), Context: Arg("context", 24), DModel: Arg("d-model", 128), Layers: Arg("layers", 2), Heads: 4);
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

if (arguments.TryGetValue("generate", out var modelDir))
{
    // Greedy generation of a Hugging Face GPT-2 directory; bench/generation/generate.py is the PyTorch-eager twin.
    using var model = HuggingFaceGpt2.Load(modelDir, device);
    int batch = Arg("batch", 4), promptLength = Arg("prompt-length", 8), newTokens = Arg("new-tokens", 64), repeats = Arg("repeats", 5);
    var cache = !arguments.ContainsKey("no-cache");
    var vocab = model.Config.Vocab;
    var prompt = Enumerable.Range(0, batch).SelectMany(r => Enumerable.Range(0, promptLength).Select(i => (long)((r * 31 + i * 7) % vocab))).ToArray();
    long[] Generate()
    {
        using var scope = new DisposeScope();
        var tokens = Tensor.FromArray(prompt, batch, promptLength).To(device);
        if (cache)
        {
            using var g = new Generator(0);
            var generated = model.Generate(tokens, new GenerationOptions(MaxTokens: newTokens, Temperature: 0), g);
            return generated.Response(0);
        }
        // Without a cache: every step reads the whole sequence again.
        using var noGrad = Torch.NoGrad();
        for (var step = 0; step < newTokens; step++)
        {
            using var stepScope = new DisposeScope();
            var t = tokens.Shape[1];
            var next = model.Forward(tokens).Narrow(1, t - 1, 1).Squeeze(1).ArgMax(-1, keepDim: true);
            tokens = Tensor.Cat([tokens, next], 1).MoveToOuterScope();
        }
        return tokens.Narrow(1, promptLength, newTokens).To(Device.Cpu).ToArray<long>().Take(newTokens).ToArray();
    }
    Generate();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    long[] first = [];
    for (var i = 0; i < repeats; i++) first = Generate();
    Torch.Synchronize();
    var s = wall.Elapsed.TotalSeconds;
    var cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    long n = (long)repeats * batch * newTokens;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rebel cache={cache} tokens={n} seconds={s:F3} tokens_per_s={n / s:F1} cpu_seconds={cpuS:F3} tokens_per_cpu_s={n / cpuS:F1} first_row=[{string.Join(", ", first.Take(8))}]"));
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
