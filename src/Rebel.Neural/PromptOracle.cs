namespace Rebel.Neural;

/// <summary>A preference oracle over responses to a prompt: returns <c>P(y ≻ y′ | x)</c> in [0, 1].</summary>
/// <param name="prompt">The prompt's index in the trainer's <see cref="PromptSet"/>.</param>
/// <param name="y">The first response's tokens.</param>
/// <param name="yPrime">The second response's tokens.</param>
public delegate double PromptOracle(int prompt, ReadOnlySpan<long> y, ReadOnlySpan<long> yPrime);
