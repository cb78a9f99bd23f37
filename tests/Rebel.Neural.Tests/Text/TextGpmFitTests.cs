using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Neural.Preference;
using Rebel.Neural.Tests.Fixtures;
using Rebel.Neural.Text;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Text;

public class TextGpmFitTests
{
    // Measured (rebel fit-pref on the same pairs, 800 full-batch steps, lr 0.01): largest error 0.008, 0.008, 0.007 on
    // the pairs of the data for seeds 0, 1, 2; the bound leaves room for another CPU's rounding.
    [Fact]
    public void FitsEachPromptsCyclicPreferenceOverTheTextsTokenIds()
    {
        NativeShim.Ensure();
        var gpt2 = TextTokenizer.Load("gpt2");
        var data = NeuralData.Pairs(2, 2);
        var (model, game, vocabulary, _) = TextGpmFit.Fit(data, gpt2, "fitted", new NeuralGpmOptions { Steps = 800, Device = "cpu" });
        using var _ = model;
        // GPT-2's ids of " paper", " rock", " scissors" compacted to 1, 2, 3 after the end token 0.
        Assert.Equal([3348, 3881, 41786], vocabulary.ResponseIds);
        Assert.Equal(new SequenceSpace(4, 2).Count, game.Space.Count);
        Assert.Equal([TextRps.Prompts[0].Text, TextRps.Prompts[1].Text], game.Game.Contexts.Select(c => c.Name));
        double worst = 0;
        foreach (var d in data)
        {
            var context = game.Game.Contexts.Single(c => c.Name == d.Prompt);
            int Index(string text) => game.Space.Index(vocabulary.Response(gpt2.Encode(text), 2));
            worst = Math.Max(worst, Math.Abs(context.Preference[Index(d.A), Index(d.B)] - d.P));
        }
        Assert.True(worst < 0.1, $"largest error {worst}");
    }

    [Fact]
    public void APromptLongerThanTheContextIsNamedByItsLine()
    {
        var data = new TextComparison[] { new("Hi:", " rock", " paper", 0, "d:1"), new("A much longer prompt than the first:", " rock", " paper", 0, "d:2") };
        var e = Assert.Throws<GameValidationException>(() => TextGpmFit.Fit(data, TextTokenizer.Load("gpt2"), "g", new NeuralGpmOptions { Steps = 1, Device = "cpu", Context = 5 }));
        Assert.StartsWith("d:2: the prompt has 8 tokens; with responses of 1 it exceeds the model's context of 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponsesTooManyToEnumerateAreRefusedBeforeFitting()
    {
        var data = new TextComparison[] { new("Hi:", " one two three four five six seven", " eight nine ten", 0, "d:1") };
        var e = Assert.Throws<GameValidationException>(() => TextGpmFit.Fit(data, TextTokenizer.Load("gpt2"), "g", new NeuralGpmOptions { Steps = 1, Device = "cpu" }));
        Assert.Contains("11^7 sequences per prompt, more than the 4096", e.Message, StringComparison.Ordinal);
    }
}
