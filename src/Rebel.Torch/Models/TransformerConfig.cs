using System.Text.Json.Serialization;

namespace Rebel.Torch.Models;

/// <summary>Shape of a <see cref="TransformerPolicy"/> (GPT-2 style).</summary>
/// <param name="Vocab">Number of token ids. Default 16.</param>
/// <param name="Context">Longest input sequence (learned positions). Default 32.</param>
/// <param name="DModel">Width of the residual stream; a multiple of <paramref name="Heads"/>. Default 64.</param>
/// <param name="Layers">Number of transformer blocks. Default 2.</param>
/// <param name="Heads">Attention heads per block. Default 4.</param>
/// <param name="Activation">The MLP's GELU: null or <c>gelu</c> (exact, erf) or <c>gelu_new</c> (GPT-2's tanh approximation). Default null.</param>
/// <param name="LayerNormEpsilon">The LayerNorms' variance floor; null is 1e-5. Default null.</param>
/// <remarks>The two optional fields are left out of the JSON when null, so weights saved before they existed still match their config.</remarks>
public sealed record TransformerConfig(
    int Vocab = 16,
    int Context = 32,
    int DModel = 64,
    int Layers = 2,
    int Heads = 4,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Activation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LayerNormEpsilon = null)
{
    /// <summary>The exact GELU, <c>x Φ(x)</c>.</summary>
    public const string Gelu = "gelu";

    /// <summary>GPT-2's GELU, <c>x/2 (1 + tanh(√(2/π) (x + 0.044715 x³)))</c>.</summary>
    public const string GeluNew = "gelu_new";

    /// <summary>The variance floor the LayerNorms use.</summary>
    [JsonIgnore]
    public double Epsilon => LayerNormEpsilon ?? 1e-5;

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message when the shape is unusable.</summary>
    public void Validate()
    {
        if (Vocab < 2 || Context < 2 || DModel < 1 || Layers < 1 || Heads < 1)
            throw new ArgumentException($"transformer config {this}: vocab and context must be ≥ 2, d_model, layers and heads ≥ 1");
        if (DModel % Heads != 0)
            throw new ArgumentException($"transformer config: d_model {DModel} is not a multiple of heads {Heads}");
        if (Activation is not (null or Gelu or GeluNew))
            throw new ArgumentException($"transformer config: activation '{Activation}' is not {Gelu} or {GeluNew}");
        if (LayerNormEpsilon is { } eps && !(eps > 0 && double.IsFinite(eps)))
            throw new ArgumentException($"transformer config: layer_norm_epsilon {eps} must be a positive number");
    }
}
