using System.Text.Json.Nodes;
using Rebel.Games.Sequence;
using Rebel.Neural.Text;
using Rebel.Preference.Fitting;

namespace Rebel.Neural.Tests.Fixtures;

/// <summary>Games and preference data shared by the neural library's tests and the neural commands' tests (Rebel.Cli.Tests).</summary>
internal static class NeuralData
{
    /// <summary>
    /// A purely cyclic preference over sequences: y beats y′ when (Σy − Σy′) mod 3 = 1, loses when it is 2, ties
    /// otherwise (rock–paper–scissors on the token sum). No Bradley–Terry model fits it; a rank-2 GPM does exactly.
    /// </summary>
    internal static double Cyclic(int[] a, int[] b) => (((a.Sum() - b.Sum()) % 3 + 3) % 3) switch { 1 => 1.0, 2 => 0.0, _ => 0.5 };

    internal static IReadOnlyList<PairwiseComparison> CyclicData(SequenceSpace space)
    {
        var data = new List<PairwiseComparison>();
        for (var i = 0; i < space.Count; i++)
            for (var j = 0; j < space.Count; j++)
                if (i != j) data.Add(new("x0", space.Name(i), space.Name(j), Cyclic(space.Tokens(i), space.Tokens(j))));
        return data;
    }

    internal static SequenceGame TextRps(string spec)
    {
        var family = new Rebel.Games.Sequence.TextRps();
        return family.CreateSequenceGame(Rebel.Games.Zoo.GameSpec.Parse(spec, family));
    }

    /// <summary>Every ordered pair of distinct non-empty texts of text-rps (up to <paramref name="length"/> words) for its first prompts, labelled by the game.</summary>
    internal static IReadOnlyList<TextComparison> Pairs(int length, int prompts)
    {
        var game = TextRps($"text-rps:length={length},prompts={prompts}");
        var space = game.Space;
        // Canonical sequences only (nothing after the end token), the empty text excluded: one per text.
        var texts = Enumerable.Range(0, space.Count).Where(i =>
        {
            var t = space.Tokens(i);
            var end = Array.IndexOf(t, 0);
            return end != 0 && (end < 0 || t.Skip(end).All(x => x == 0));
        }).ToArray();
        var data = new List<TextComparison>();
        foreach (var context in game.Game.Contexts)
            foreach (var i in texts)
                foreach (var j in texts)
                    if (i != j)
                        data.Add(new(context.Name, Rebel.Games.Sequence.TextRps.Text(space.Tokens(i)), Rebel.Games.Sequence.TextRps.Text(space.Tokens(j)), context.Preference[i, j], "pairs.jsonl:1"));
        return data;
    }

    /// <summary>A byte-level BPE of the 256 byte symbols, one merge ("Ġ" + "t" = " t", id 256) and the end token (257), as vocab.json and merges.txt in <paramref name="dir"/>.</summary>
    internal static void WriteToyBpe(string dir)
    {
        var symbols = ByteSymbols();
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++) vocab[symbols[b].ToString()] = b;
        vocab["Ġt"] = 256;
        vocab["<|endoftext|>"] = 257;
        File.WriteAllText(Path.Combine(dir, "vocab.json"), vocab.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "merges.txt"), "#version: 0.2\nĠ t\n");
    }

    // GPT-2's byte-to-symbol map: printable Latin-1 bytes stand for themselves, the others for 256 + n in order.
    private static char[] ByteSymbols()
    {
        var symbols = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
            symbols[b] = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ' ? (char)b : (char)next++;
        return symbols;
    }
}
