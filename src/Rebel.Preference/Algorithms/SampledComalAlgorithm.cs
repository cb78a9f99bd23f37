using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Json;
using Rebel.Preference.Numerics;
using Rebel.Preference.Oracles;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// COMAL from samples (<c>--algo comal --loss sampled</c>): the paper's prox loop with INPO's sampled square loss as
/// the inner step (<see cref="SampledInpoAlgorithm"/>), the log-ratios taken to the moving centre instead of π_ref:
/// <c>(Anchor · d − Scale (o_ij − 1/2))²</c> with <c>d = log π(y_i)/π^k(y_i) − log π(y_j)/π^k(y_j)</c>, one gradient step
/// of <c>--lr</c> per iteration, and the centre <c>π^k</c> moving to the last iterate every <c>--inner</c> iterations.
/// </summary>
public sealed class SampledComalAlgorithm : PairwiseLossAlgorithm
{
    private readonly Objectives.PairObjective _objective;
    private readonly ProxCentre _centre;

    /// <summary>
    /// Creates sampled COMAL with inner step <paramref name="eta"/>, prox regularisation <paramref name="prox"/> and
    /// <paramref name="inner"/> steps per prox step, reporting <paramref name="name"/>: <c>comal</c>, or <c>mpo</c>, whose
    /// sampled form is this loop (its magnet is COMAL's centre).
    /// </summary>
    /// <exception cref="ArgumentException">A prox regularisation that is not positive and finite, fewer than one inner step, or a bad learning rate.</exception>
    public SampledComalAlgorithm(TabularGame game, double eta, double prox, int inner, ulong seed, SelfPlayOptions shared, IPreferenceOracle? oracle = null, string name = "comal")
        : base(game, seed, shared, oracle: oracle)
    {
        Name = name;
        (Anchor, Scale) = ComalAlgorithm.Weights(eta, prox);
        _objective = new Objectives.SquarePairObjective(Scale, referenceWeight: Anchor);
        _centre = new ProxCentre(game, inner);
        (Eta, Prox) = (eta, prox);
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The inner step size η.</summary>
    public double Eta { get; }

    /// <summary>The regularisation of each prox step.</summary>
    public double Prox { get; }

    /// <summary>The centre's weight <c>η Prox/(1 + η Prox)</c>.</summary>
    public double Anchor { get; }

    /// <summary>The label's weight <c>η/(1 + η Prox)</c>.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    protected override ReadOnlySpan<double> AnchorLog(int context) => _centre[context];

    /// <inheritdoc/>
    protected override void Begin()
    {
        base.Begin();
        // The reference may be replaced after construction (AnchorTo), so the first centre is taken at the first step.
        if (Iteration == 0)
            for (int c = 0; c < Game.Contexts.Count; c++)
                _centre.Set(c, ReferenceLog(c));
    }

    /// <inheritdoc/>
    protected override void End(double[][] next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_centre.MovesAfter(Iteration))
            for (int c = 0; c < next.Length; c++)
                _centre.Set(c, next[c]);
    }

    /// <inheritdoc/>
    protected override Objectives.PairObjective Objective => _objective;

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        _centre.Write(writer);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        base.ReadState(state);
        _centre.Read(state, Game);
    }
}
