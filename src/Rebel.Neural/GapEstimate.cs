namespace Rebel.Neural;

/// <summary>A duality gap estimated from samples, with the half-width of its 95% confidence interval.</summary>
/// <param name="Value">The estimate.</param>
/// <param name="HalfWidth">1.96 standard errors: the interval is <c>Value ± HalfWidth</c>.</param>
public sealed record GapEstimate(double Value, double HalfWidth);
