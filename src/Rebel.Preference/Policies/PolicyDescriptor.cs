using Rebel.Games;

namespace Rebel.Preference.Policies;

/// <summary>A policy class as <see cref="PolicyCatalog"/> lists it.</summary>
/// <param name="Kind">Its <c>--policy</c> value.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Create">The uniform policy of the class on a game.</param>
public sealed record PolicyDescriptor(PolicyKind Kind, string Description, Func<TabularGame, IPolicyModel> Create)
{
    /// <summary>Where the class is listed among those of its assembly (smaller first; ties by key).</summary>
    public int Order { get; init; }
}
