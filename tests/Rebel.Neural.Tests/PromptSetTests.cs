namespace Rebel.Neural.Tests;

public class PromptSetTests
{
    [Fact]
    public void PromptsAreDrawnByWeight()
    {
        var prompts = new PromptSet([[0L], [1L, 2L]], [1, 3], padToken: 7);
        Assert.Equal(2, prompts.Length);
        Assert.Equal([7L, 0L], prompts.Tokens(0).ToArray());
        var drawn = prompts.Draw(new Random(1), 40_000);
        // Binomial(40000, 3/4): standard deviation 0.0022 of the share.
        Assert.Equal(0.75, drawn.Average(), 2);
    }
}
