using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Neural.SelfPlay;

/// <summary>Options of neural INPO (its sampled loss): the neural ones and the tabular <see cref="InpoOptions"/>' τ, with its meaning and default.</summary>
public sealed record NeuralInpoOptions : NeuralSelfPlayOptions
{
    /// <summary>KL regularisation τ toward π_ref (<see cref="InpoOptions.Tau"/>).</summary>
    [Option("tau", "INPO's KL regularisation τ toward π_ref")]
    public double Tau { get; init; } = new InpoOptions().Tau;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks<NeuralInpoOptions>.PositiveFinite(nameof(Tau), Tau);
    }
}
