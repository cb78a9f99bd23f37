namespace Rebel.Torch.Models;

/// <summary>Shape of a <see cref="TransformerPolicy"/> (GPT-2 style).</summary>
/// <param name="Vocab">Number of token ids. Default 16.</param>
/// <param name="Context">Longest input sequence (learned positions). Default 32.</param>
/// <param name="DModel">Width of the residual stream; a multiple of <paramref name="Heads"/>. Default 64.</param>
/// <param name="Layers">Number of transformer blocks. Default 2.</param>
/// <param name="Heads">Attention heads per block. Default 4.</param>
public sealed record TransformerConfig(int Vocab = 16, int Context = 32, int DModel = 64, int Layers = 2, int Heads = 4)
{
    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message when the shape is unusable.</summary>
    public void Validate()
    {
        if (Vocab < 2 || Context < 2 || DModel < 1 || Layers < 1 || Heads < 1)
            throw new ArgumentException($"transformer config {this}: vocab and context must be ≥ 2, d_model, layers and heads ≥ 1");
        if (DModel % Heads != 0)
            throw new ArgumentException($"transformer config: d_model {DModel} is not a multiple of heads {Heads}");
    }
}
