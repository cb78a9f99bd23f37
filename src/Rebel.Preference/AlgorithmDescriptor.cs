namespace Rebel.Preference;

/// <summary>A self-play algorithm as the catalogue lists it.</summary>
/// <param name="Name">The <c>--algo</c> name.</param>
/// <param name="Description">One line for help and listings.</param>
/// <param name="OptionsType">Its own options record type (properties marked with <see cref="OptionAttribute"/>), or null.</param>
/// <param name="Create">Builds the algorithm for a run.</param>
public sealed record AlgorithmDescriptor(string Name, string Description, Type? OptionsType, Func<AlgorithmSetup, ISelfPlayAlgorithm> Create)
{
    /// <summary>
    /// The algorithm for a run: <see cref="Create"/>, then the run's regularised game (docs/regularised-game.md):
    /// <see cref="SelfPlayOptions.Reference"/> anchors every algorithm that regularises toward π_ref, and a positive
    /// <see cref="SelfPlayOptions.Tau"/> adds <c>dg_reg</c> to its metrics. Library users get the same as the CLI.
    /// </summary>
    /// <exception cref="ArgumentException">The algorithm refuses the options, or a reference is given that neither anchors it nor defines a regularised gap (no τ).</exception>
    public ISelfPlayAlgorithm Instantiate(AlgorithmSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var algorithm = Create(setup);
        var shared = setup.Shared;
        var reference = shared.Reference is null ? null : Runs.ReferencePolicy.Load(shared.Reference, setup.Game);
        if (reference is not null && algorithm is Algorithms.TabularSelfPlay tabular)
            tabular.AnchorTo(reference);
        bool regularised = shared.Tau is { } t && t != 0;
        if (reference is not null && !regularised && algorithm is not Algorithms.TabularSelfPlay)
            throw new ArgumentException($"--reference {shared.Reference}: {Name} has no reference policy to anchor; it applies to {Name} only with --tau (the regularised game's gap)");
        // τ = 0 is the unregularised game, whose gap dg_last already is (and the τ of algorithms that accept 0).
        return regularised ? new RegularisedSelfPlay(algorithm, new Games.Exact.RegularisedGame(setup.Game, shared.Tau!.Value, reference)) : algorithm;
    }
}
