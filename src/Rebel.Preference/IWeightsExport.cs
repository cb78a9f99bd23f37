namespace Rebel.Preference;

/// <summary>
/// An algorithm whose policy has parameters worth keeping beyond <c>policy.json</c>'s probabilities (a neural policy's
/// weights): the run writes them into its directory when it ends (<see cref="Runs.RunFiles.Weights"/>).
/// </summary>
public interface IWeightsExport
{
    /// <summary>Writes the current policy's weights (and their config) into <paramref name="directory"/>, atomically.</summary>
    void ExportWeights(string directory);
}
