using System.Text.Json.Serialization;

namespace Rebel.Torch.Models;

/// <summary>
/// Model configs as JSON with PyTorch-style snake_case keys (<c>d_model</c>), generated at compile time so that a
/// trimmed publish of the CLI keeps them; a property added to a config record appears here without further code.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TransformerConfig))]
internal sealed partial class ModelJson : JsonSerializerContext;
