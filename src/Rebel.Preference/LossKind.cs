namespace Rebel.Preference;

/// <summary>What an algorithm that has both forms learns from each iteration.</summary>
public enum LossKind
{
    /// <summary>Its update from the exact win rates of the tabular game.</summary>
    Exact,

    /// <summary>Its paper's sampled loss on <see cref="SelfPlayOptions.Samples"/> oracle-queried responses per context.</summary>
    Sampled,
}
