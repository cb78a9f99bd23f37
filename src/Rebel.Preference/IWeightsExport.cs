namespace Rebel.Preference;

/// <summary>
/// An algorithm whose policy has parameters worth keeping beyond <c>policy.json</c>'s probabilities (a neural policy's
/// weights): the run writes them into its directory when it ends (<see cref="FileName"/>).
/// </summary>
public interface IWeightsExport
{
    /// <summary>The name of the weights file in a run directory: safetensors with PyTorch names.</summary>
    const string FileName = "policy.safetensors";

    /// <summary>Writes the current policy's weights (and their config) into <paramref name="directory"/>, atomically.</summary>
    void ExportWeights(string directory);
}
