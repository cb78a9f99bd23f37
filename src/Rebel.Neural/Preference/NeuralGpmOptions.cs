namespace Rebel.Neural.Preference;

/// <summary>Settings of <see cref="NeuralGpm"/> and its fit (<c>rebel fit-pref --model neural-gpm</c>).</summary>
public sealed record NeuralGpmOptions
{
    /// <summary>Width of the token and position embeddings and of the hidden layer.</summary>
    public int Width { get; init; } = 32;

    /// <summary>GPM embedding dimension 2k (even): k rotation planes of the skew-symmetric form.</summary>
    public int Dimension { get; init; } = 4;

    /// <summary>Full-batch AdamW steps.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Seed of the initial weights.</summary>
    public ulong Seed { get; init; }

    /// <summary>Text pairs: the model's context in tokens, prompt plus response; 0 sizes it to the longest prompt plus <see cref="MaxLength"/>.</summary>
    public int Context { get; init; }

    /// <summary>Text pairs: the most response tokens, the end token excluded; 0 takes the longest response of the data.</summary>
    public int MaxLength { get; init; }

    /// <summary>libtorch device: auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";
}
