using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace Rebel.Neural.SelfPlay;

/// <summary>Options of neural online DPO: the neural ones and the tabular <see cref="OnlineDpoOptions"/>' β, with its meaning and default.</summary>
public sealed record NeuralOnlineDpoOptions : NeuralSelfPlayOptions
{
    /// <summary>Inverse temperature β of the implicit reward <c>β ln π/π_t</c> (<see cref="OnlineDpoOptions.Beta"/>).</summary>
    [Option("beta", "DPO inverse temperature β of the implicit reward β ln(π/π_ref)")]
    public double Beta { get; init; } = new OnlineDpoOptions().Beta;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks<NeuralOnlineDpoOptions>.PositiveFinite(nameof(Beta), Beta);
    }
}
