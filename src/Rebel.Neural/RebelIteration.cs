namespace Rebel.Neural;

/// <summary>What one REBEL iteration did.</summary>
/// <param name="Iteration">0-based iteration number.</param>
/// <param name="Loss">Mean REBEL squared loss over the iteration's minibatch steps.</param>
/// <param name="GradNorm">Mean gradient norm before clipping (NaN without clipping).</param>
/// <param name="Tokens">Response tokens sampled this iteration.</param>
public sealed record RebelIteration(int Iteration, double Loss, double GradNorm, long Tokens);
