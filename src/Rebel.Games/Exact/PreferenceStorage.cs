namespace Rebel.Games.Exact;

/// <summary>How the exact kernels store preference matrices; sums and iterates are float64 either way.</summary>
public enum PreferenceStorage
{
    /// <summary>The game's own float64 matrices, shared without a copy.</summary>
    Float64,

    /// <summary>A float32 copy: half the memory traffic per iteration; entries are rounded to about 6e-8 relative.</summary>
    Float32,
}
