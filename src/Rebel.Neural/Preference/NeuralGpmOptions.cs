using Rebel.Preference;

namespace Rebel.Neural.Preference;

/// <summary>Settings of <see cref="NeuralGpm"/> and its fit (<c>rebel fit-pref --model neural-gpm</c>).</summary>
public sealed record NeuralGpmOptions : IValidatedOptions
{
    /// <summary>Width of the token and position embeddings and of the hidden layer.</summary>
    public int Width { get; init; } = 32;

    /// <summary>GPM embedding dimension 2k (even): k rotation planes of the skew-symmetric form.</summary>
    [Option("dimension", "GPM embedding dimension 2k (even)")]
    public int Dimension { get; init; } = 4;

    /// <summary>Full-batch AdamW steps.</summary>
    [Option("steps", "full-batch AdamW steps")]
    public int Steps { get; init; } = 3000;

    /// <summary>AdamW learning rate.</summary>
    [Option("lr", "AdamW learning rate")]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Seed of the initial weights.</summary>
    public ulong Seed { get; init; }

    /// <summary>Text pairs: the model's context in tokens, prompt plus response; 0 sizes it to the longest prompt plus <see cref="MaxLength"/>.</summary>
    [Option("context", "text pairs: the model's context in tokens, prompt plus response; 0: the longest prompt plus --max-length")]
    public int Context { get; init; }

    /// <summary>Text pairs: the most response tokens, the end token excluded; 0 takes the longest response of the data.</summary>
    [Option("max-length", "text pairs: most response tokens, the end token excluded; 0: the longest response")]
    public int MaxLength { get; init; }

    /// <summary>Called after each AdamW step with the number of steps done, for a progress display (not a setting of the fit).</summary>
    public Action<int>? OnStep { get; init; }

    /// <summary>libtorch device: auto, cpu, cuda or cuda:N.</summary>
    [Option("device", "libtorch device: auto, cpu, cuda or cuda:N", ValueName = "device")]
    public string Device { get; init; } = "auto";

    /// <inheritdoc/>
    public void Validate()
    {
        OptionChecks<NeuralGpmOptions>.AtLeast(nameof(Width), Width, 1);
        if (Dimension < 2 || Dimension % 2 != 0)
            throw OptionException.Of<NeuralGpmOptions>(nameof(Dimension), Dimension, "must be an even number ≥ 2");
        OptionChecks<NeuralGpmOptions>.AtLeast(nameof(Steps), Steps, 1);
        OptionChecks<NeuralGpmOptions>.PositiveFinite(nameof(LearningRate), LearningRate);
        if (!Torch.Device.IsSpec(Device))
            throw OptionException.Of<NeuralGpmOptions>(nameof(Device), Device, "unknown device (expected auto, cpu, cuda or cuda:N)");
        if (MaxLength < 0)
            throw OptionException.Of<NeuralGpmOptions>(nameof(MaxLength), MaxLength, "must be at least 1 (or 0: the longest response)");
        if (Context < 0)
            throw OptionException.Of<NeuralGpmOptions>(nameof(Context), Context, "must be at least 2 (or 0: sized to the data)");
    }
}
