namespace Rebel.Preference;

/// <summary>How regression pairs are chosen among a context's samples.</summary>
public enum PairSelection
{
    /// <summary>Pairs drawn uniformly at random.</summary>
    Random,

    /// <summary>The sample with the highest estimated win rate against the lowest.</summary>
    BestWorst,
}
