using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// The two-step scheme EGPO and Nash-MP share on the τ-regularised game: a half step from <c>π_t</c> with its own win
/// rates, then the full step from the same <c>π_t</c> with the half step's, each
/// <c>log π′ = (1 − a) log π_t + a log π_ref + s P π + const</c> (<see cref="AnchoredStep"/>). The methods differ only in
/// the weights: explicit steps for EGPO (a = ητ, s = η), proximal ones for Nash-MP (a = ητ/(1+ητ), s = η/(1+ητ)).
/// </summary>
public abstract class AnchoredExtragradient : TabularSelfPlay
{
    private readonly double[] _half;

    /// <summary>Creates the scheme with step size <paramref name="eta"/>, regularisation <paramref name="tau"/> and the method's weights.</summary>
    protected AnchoredExtragradient(TabularGame game, double eta, double tau, double anchor, double scale)
        : base(game)
    {
        (Eta, Tau, Anchor, Scale) = (eta, tau, anchor, scale);
        _half = new double[game.MaxResponses];
    }

    /// <summary>The step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The weight a of the reference in both steps' anchor.</summary>
    public double Anchor { get; }

    /// <summary>The weight s of the win rates in both steps.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (int c = 0; c < next.Length; c++)
        {
            var log = LogPolicy(c);
            var reference = ReferenceLog(c);
            var half = _half.AsSpan(0, log.Length);
            AnchoredStep.Apply(log, reference, WinRates(c), Anchor, Scale, half);
            AnchoredStep.Apply(log, reference, WinRatesAgainst(c, half), Anchor, Scale, next[c]);
        }
    }
}
