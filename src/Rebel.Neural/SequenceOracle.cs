namespace Rebel.Neural;

/// <summary>A preference oracle over responses as token sequences: returns <c>P(y ≻ y′)</c> in [0, 1].</summary>
/// <param name="y">The first response's tokens.</param>
/// <param name="yPrime">The second response's tokens.</param>
public delegate double SequenceOracle(ReadOnlySpan<long> y, ReadOnlySpan<long> yPrime);
