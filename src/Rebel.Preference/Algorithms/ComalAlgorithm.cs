using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Regression;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// COMAL (Liu et al. 2024, arXiv 2410.23223), exact tabular form (<c>--algo comal</c>): the proximal point method on
/// the unregularised game. Each prox step solves the game regularised by <c>Prox · KL</c> toward the current centre
/// <c>π^k</c> with <see cref="Inner"/> INPO steps <c>π_{t+1} ∝ π_t^{1/(1+ητ)} (π^k)^{ητ/(1+ητ)} exp(η P π_t/(1+ητ))</c>,
/// τ = Prox, then moves the centre to the last iterate. The centre starts at the run's reference policy. The last
/// iterate approaches the minimax winner of the unregularised game (not of the run's τ-regularised one).
/// </summary>
public sealed class ComalAlgorithm : TabularSelfPlay
{
    private readonly ProxCentre _centre;

    /// <summary>Creates COMAL with inner step <paramref name="eta"/>, prox regularisation <paramref name="prox"/> and <paramref name="inner"/> steps per prox step.</summary>
    /// <param name="game">The game.</param>
    /// <param name="eta">The inner step size η.</param>
    /// <param name="prox">The regularisation of each prox step.</param>
    /// <param name="inner">Inner steps per prox step.</param>
    /// <param name="name">
    /// The algorithm's name: <c>comal</c>, or <c>mpo</c> for Magnetic Preference Optimisation, whose exact update — magnetic
    /// mirror descent toward a magnet moved to the last iterate every <paramref name="inner"/> steps — is this one.
    /// </param>
    /// <exception cref="ArgumentException">A prox regularisation that is not positive and finite, or fewer than one inner step.</exception>
    public ComalAlgorithm(TabularGame game, double eta, double prox, int inner, string name = "comal")
        : base(game)
    {
        Name = name;
        (Anchor, Scale) = Weights(eta, prox);
        _centre = new ProxCentre(game, inner);
        (Eta, Prox) = (eta, prox);
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The inner step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation of each prox step.</summary>
    public double Prox { get; }

    /// <summary>Inner steps per prox step.</summary>
    public int Inner => _centre.Inner;

    /// <summary>The centre's weight <c>η Prox/(1 + η Prox)</c> in an inner step.</summary>
    public double Anchor { get; }

    /// <summary>The win rates' weight <c>η/(1 + η Prox)</c> in an inner step.</summary>
    public double Scale { get; }

    /// <summary>INPO's step weights for the prox regularisation (also used by the sampled form).</summary>
    /// <exception cref="ArgumentException">A prox regularisation that is not positive and finite.</exception>
    internal static (double Anchor, double Scale) Weights(double eta, double prox)
    {
        OptionChecks<ComalOptions>.PositiveFinite(nameof(ComalOptions.Prox), prox);
        return InpoAlgorithm.Weights(eta, prox);
    }

    /// <inheritdoc/>
    protected override void Update(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        // The reference may be replaced after construction (AnchorTo), so the first centre is taken at the first step.
        if (Iteration == 0)
            for (int c = 0; c < next.Length; c++)
                _centre.Set(c, ReferenceLog(c));
        for (int c = 0; c < next.Length; c++)
            AnchoredStep.Apply(LogPolicy(c), _centre[c], WinRates(c), Anchor, Scale, next[c]);
        if (_centre.MovesAfter(Iteration))
            for (int c = 0; c < next.Length; c++)
                _centre.Set(c, next[c]);
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer) => _centre.Write(writer);

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state) => _centre.Read(state, Game);
}
