namespace Rebel.Games.Exact;

/// <summary>Options of <see cref="MirrorDescent"/>.</summary>
/// <param name="Storage">Precision of the stored preference matrices (accumulation is always float64). Default float64.</param>
public sealed record MirrorDescentOptions(PreferenceStorage Storage = PreferenceStorage.Float64)
{
    /// <summary>The default options.</summary>
    public static MirrorDescentOptions Default { get; } = new();
}
