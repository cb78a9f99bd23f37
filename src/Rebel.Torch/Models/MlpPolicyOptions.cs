namespace Rebel.Torch.Models;

/// <summary>Shape of an <see cref="MlpPolicy"/>.</summary>
/// <param name="Hidden">Width of each hidden layer. Default 64.</param>
/// <param name="Layers">Number of hidden layers (GELU after each). Default 2.</param>
public sealed record MlpPolicyOptions(int Hidden = 64, int Layers = 2);
