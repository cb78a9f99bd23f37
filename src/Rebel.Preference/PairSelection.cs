namespace Rebel.Preference;

/// <summary>How regression pairs are chosen among a context's samples.</summary>
public enum PairSelection
{
    /// <summary>Every pair of samples (the full leave-one-out regression).</summary>
    All,

    /// <summary>The samples shuffled and split into disjoint pairs, as in the paper's <c>(y, y′)</c> form.</summary>
    Random,

    /// <summary>The sample with the highest estimated win rate against the lowest.</summary>
    BestWorst,
}
