using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>The file names of a run directory (DESIGN §3).</summary>
public static class RunFiles
{
    /// <summary>Fully resolved options, seed, game, algorithm and versions.</summary>
    public const string Config = "config.json";

    /// <summary>One JSON object per iteration.</summary>
    public const string Metrics = "metrics.jsonl";

    /// <summary>Algorithm state and run progress for <c>--resume</c>.</summary>
    public const string Checkpoint = "checkpoint.json";

    /// <summary>The final last and average iterates.</summary>
    public const string Policy = "policy.json";

    /// <summary>The final policy's weights as safetensors with PyTorch names, for algorithms with weights (<see cref="IWeightsExport"/>).</summary>
    public const string Weights = IWeightsExport.FileName;

    /// <summary>The model config of <see cref="Weights"/>, as JSON.</summary>
    public const string WeightsConfig = "policy.config.json";

    /// <summary>Duality gaps against the iteration.</summary>
    public const string Plot = "plot.svg";

    /// <summary>The policy trajectory on the probability simplex, for a game of one context with three responses.</summary>
    public const string Simplex = "simplex.svg";
}
