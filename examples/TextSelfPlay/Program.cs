// Writes the small GPT-2-layout policy that docs/language-model.md trains with REBEL on examples/TextPairs: GPT-2's
// 50,257 ids, 32 positions, d = 32, 2 layers, 2 heads, initialised from a seed and briefly pretrained (supervised, 300
// full-batch AdamW steps) on examples/TextPairs/warmup.jsonl, the answers with skewed frequencies (8:4:2:1:1 by the
// answer's order), so that π_ref writes the data's answers but is far from the minimax winner (uniform on each
// prompt's cycle). Usage: dotnet run --project examples/TextSelfPlay -- [WARMUP.jsonl OUT_DIR [seed]]; without
// arguments (as CI runs it) it takes 40 steps instead of 300 on the copy of examples/TextPairs/warmup.jsonl beside it
// and writes gpt2-warm/. It exits 0 only if the fit learnt: the loss fell below half of its start (log 50,257 nats
// per token).
using System.Globalization;
using System.Text.Json.Nodes;
using Rebel.Neural.Text;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

const int EndOfText = 50256, Length = 8;
if (args.Length is 1 or > 3)
{
    Console.Error.WriteLine("usage: TextSelfPlay [WARMUP.jsonl OUT_DIR [seed]]");
    return 2;
}
int steps = args.Length == 0 ? 40 : 300;
if (args.Length == 0)
    args = [Path.Combine(AppContext.BaseDirectory, "warmup.jsonl"), "gpt2-warm"];
var seed = args.Length == 3 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 0;
var tokenizer = TextTokenizer.Load("gpt2");
var examples = File.ReadLines(args[0]).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)
    .Select(o => (Prompt: tokenizer.Encode((string)o["prompt"]!), Response: tokenizer.Encode((string)o["response"]!))).ToArray();
var promptLength = examples.Max(e => e.Prompt.Length);
// Prompts left-padded with the end-of-text token as self-play pads them; responses end with it and are padded with it.
var prompts = examples.SelectMany(e => Enumerable.Repeat((long)EndOfText, promptLength - e.Prompt.Length).Concat(e.Prompt.Select(i => (long)i))).ToArray();
var responses = examples.SelectMany(e => e.Response.Select(i => (long)i).Concat(Enumerable.Repeat((long)EndOfText, Length - e.Response.Length))).ToArray();
Torch.Threads = 1;
using var init = new Generator(seed);
using var policy = new TransformerPolicy(new TransformerConfig(EndOfText + 1, 32, 32, 2, 2, TransformerConfig.GeluNew, 1e-5), init, Device.Cpu);
using (var scope = new DisposeScope())
{
    var loss = SupervisedFit.Fit(policy, Tensor.FromArray(prompts, examples.Length, promptLength), Tensor.FromArray(responses, examples.Length, Length),
        steps, new AdamWOptions(Lr: 3e-3, WeightDecay: 0));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pretrained on {examples.Length} answers: final loss {loss:F3} nats per answer"));
    // At initialisation every answer costs about log(50,257) ≈ 10.8 nats per token.
    double start = Length * Math.Log(EndOfText + 1);
    if (!(loss < start / 2))
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the fit did not learn the answers: {loss:F3} nats per answer, not below {start / 2:F1}"));
        return 1;
    }
}
HuggingFaceGpt2.Save(policy, args[1], EndOfText);
Console.WriteLine($"policy: {args[1]} (use it with selfplay --policy neural --model {args[1]} --tokenizer gpt2)");
return 0;
