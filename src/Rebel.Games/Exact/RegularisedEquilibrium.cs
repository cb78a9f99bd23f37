namespace Rebel.Games.Exact;

/// <summary>The equilibrium of a <see cref="RegularisedGame"/> with its certificate.</summary>
/// <param name="Policy">The equilibrium policy <c>π* ∝ ρ exp(P π* / τ)</c> of every context.</param>
/// <param name="DualityGap">The certificate <c>DG_τ(π*)</c>, computed from the returned policy itself.</param>
public sealed record RegularisedEquilibrium(TabularPolicy Policy, double DualityGap);
