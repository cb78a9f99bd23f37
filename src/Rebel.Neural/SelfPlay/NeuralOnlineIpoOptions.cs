using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Neural.SelfPlay;

/// <summary>Options of neural online IPO: the neural ones and the tabular <see cref="OnlineIpoOptions"/>' τ, with its meaning and default.</summary>
public sealed record NeuralOnlineIpoOptions : NeuralSelfPlayOptions
{
    /// <summary>Regularisation τ (<see cref="OnlineIpoOptions.Tau"/>): a sure preference targets a log-ratio gap of 1/(2τ) to π_ref.</summary>
    [Option("tau", "IPO regularisation τ; a sure preference targets a log-ratio gap of 1/(2τ)")]
    public double Tau { get; init; } = new OnlineIpoOptions().Tau;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks<NeuralOnlineIpoOptions>.PositiveFinite(nameof(Tau), Tau);
    }
}
