namespace Rebel.Preference;

/// <summary>A self-play algorithm as the catalogue lists it.</summary>
/// <param name="Name">The <c>--algo</c> name.</param>
/// <param name="Description">One line for help and listings.</param>
/// <param name="OptionsType">Its own options record type (properties marked with <see cref="OptionAttribute"/>), or null.</param>
/// <param name="Create">Builds the algorithm for a run.</param>
public sealed record AlgorithmDescriptor(string Name, string Description, Type? OptionsType, Func<AlgorithmSetup, ISelfPlayAlgorithm> Create)
{
    /// <summary>
    /// The descriptor of an algorithm configured by <typeparamref name="TOptions"/>: <paramref name="create"/> gets the
    /// run's setup and its options record (the defaults when the run gives none).
    /// </summary>
    public static AlgorithmDescriptor Of<TOptions>(string name, string description, Func<AlgorithmSetup, TOptions, ISelfPlayAlgorithm> create)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(create);
        return new(name, description, typeof(TOptions), s => create(s, s.OptionsOr<TOptions>()));
    }

    /// <summary>Where the algorithm is listed among those of its assembly (smaller first; ties by name).</summary>
    public int Order { get; init; }

    /// <summary>
    /// Whether the algorithm, with its default options, learns from exact win rates (and refuses the sampling options);
    /// false when it learns from sampled outcomes. An options record may choose the other form (e.g. <c>Loss</c>); the
    /// algorithm itself says which it runs (<see cref="ISelfPlayAlgorithm.LearnsFromSamples"/>).
    /// </summary>
    public bool LearnsFromExactWinRates { get; init; }

    /// <summary>
    /// Whether this is the exact reference the others are measured against: it never samples, and its figures draw
    /// the no-regret bound <c>sqrt(2 ln n / T)</c> of its average iterate beside its gaps.
    /// </summary>
    public bool IsExactReference { get; init; }

    /// <summary>
    /// The shared options the algorithm uses in some configuration of its own options, by property name
    /// (<c>nameof(SelfPlayOptions.Eta)</c>); the run-level <see cref="SelfPlayOptions.RunLevel"/> apply to every
    /// algorithm and are not listed, and the policy class is <see cref="Policies"/>' to allow. <see cref="Instantiate"/> refuses every other one set away from its default, and
    /// <c>rebel algorithms</c> lists these; an algorithm may refuse some of them in a configuration that does not use them
    /// (e.g. REBEL's AdamW settings with the exact fit). None by default: an algorithm that declares nothing takes no
    /// shared option but the run-level ones.
    /// </summary>
    public IReadOnlyList<string> SharedOptions { get; init; } = [];

    /// <summary>The fields of <see cref="SharedOptions"/>, in <see cref="SelfPlayOptions"/>' order (their flags, defaults and descriptions).</summary>
    public IReadOnlyList<Options.OptionField> SharedFields =>
        Options.OptionFields.Of(typeof(SelfPlayOptions)).Where(f => SharedOptions.Contains(f.Property.Name)).ToArray();

    /// <summary>What the algorithm converges to with its default options, and in which iterate (listed by <c>rebel algorithms</c>).</summary>
    public Guarantee Guarantee { get; init; }

    /// <summary>The name <c>rebel algorithms</c> gives <paramref name="guarantee"/> (also its JSON <c>guarantee</c> value).</summary>
    public static string Describe(Guarantee guarantee) => guarantee switch
    {
        Guarantee.AverageIterateMinimaxWinner => "average iterate → minimax winner",
        Guarantee.LastIterateMinimaxWinner => "last iterate → minimax winner",
        Guarantee.LastIterateRegularisedEquilibrium => "last iterate → regularised equilibrium",
        _ => "no guarantee",
    };

    /// <summary>
    /// The policy classes the algorithm learns (checked before <see cref="Create"/>); null for every policy class in
    /// <see cref="PolicyCatalog"/> (an algorithm that fits any <see cref="Policies.IPolicyModel"/>, as REBEL does).
    /// </summary>
    public IReadOnlyList<PolicyKind>? Policies { get; init; } = [PolicyKind.Tabular];

    /// <summary>Whether the algorithm learns the policy class <paramref name="policy"/>.</summary>
    public bool Supports(PolicyKind policy) => Policies?.Contains(policy) ?? PolicyCatalog.Contains(policy);

    /// <summary>
    /// The algorithm for a run: the options validated (<see cref="SelfPlayOptions.Validate"/>, <see cref="IValidatedOptions.Validate"/>),
    /// the policy class checked, <see cref="Create"/>, then the run's regularised game (docs/regularised-game.md):
    /// <see cref="SelfPlayOptions.Reference"/> anchors every algorithm that regularises toward π_ref, and a positive
    /// <see cref="SelfPlayOptions.Tau"/> adds <c>dg_reg</c> to its metrics. Library users get the same as the CLI.
    /// </summary>
    /// <exception cref="OptionException">The algorithm refuses the options (one of them a shared option outside <see cref="SharedOptions"/>), or a reference is given that neither anchors it nor defines a regularised gap (no τ).</exception>
    /// <exception cref="InvalidDataException">The reference policy's file cannot be used (<see cref="Preference.Policies.ReferencePolicy.Load"/>).</exception>
    public ISelfPlayAlgorithm Instantiate(AlgorithmSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var shared = setup.Shared;
        shared.Validate();
        (setup.Options as IValidatedOptions)?.Validate();
        if (!Supports(shared.Policy))
            throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Policy), shared.Policy,
                $"{Name} does not learn this policy class (it learns {string.Join(", ", Policies ?? PolicyCatalog.Kinds)})");
        // No shared option is silently ignored: those outside the declaration are refused here, once for every algorithm;
        // the policy class was checked against Policies just above. It is named where it is not the default, since
        // another class may have its own variant, with other shared options.
        OptionReference[] uses = [.. SharedOptions.Select(o => OptionReference.Of<SelfPlayOptions>(o)), OptionReference.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Policy), shared.Policy)];
        string who = shared.Policy == PolicyKind.Tabular ? Name : $"{Name} with {{{uses.Length - 1}}}";
        shared.RequireOnly(who, SharedOptions.Count == 0 ? "it uses no shared option" : "of the shared options it uses only " + string.Join(", ", SharedOptions.Select((_, i) => $"{{{i}}}")), uses, [.. SharedOptions, nameof(SelfPlayOptions.Policy)]);
        // A game too large to store (GameContext.Kernel) has exact win rates but no matrix: only a neural policy, whose
        // evaluation and oracle need no more, runs on it, and without the regularised game (which needs the matrix).
        // A judge whose matrix is not asked for has a kernel of 1/2 as a placeholder that nothing reads (its learner
        // asks the judge, its evaluation estimates), so any policy learns on it.
        bool placeholder = setup.Oracle is Oracles.JudgeOracle { Enumerable: false };
        if (setup.Game.Contexts.FirstOrDefault(c => c.Kernel is not null) is { } large && (shared.Policy != PolicyKind.Neural && !placeholder || shared.Tau is > 0))
            throw shared.Policy != PolicyKind.Neural && !placeholder
                ? OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Policy), shared.Policy,
                    $"context '{large.Name}' of '{setup.Game.Name}' has {large.Count} responses and no stored matrix; only the neural policy runs on it")
                : OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Tau), shared.Tau,
                    $"the regularised game needs stored matrices; context '{large.Name}' of '{setup.Game.Name}' has {large.Count} responses and none");
        var algorithm = Create(setup);
        var reference = shared.Reference is null ? null : setup.Reference ?? Preference.Policies.ReferencePolicy.Load(shared.Reference, setup.Game);
        if (reference is not null && algorithm is Algorithms.TabularSelfPlay tabular)
            tabular.AnchorTo(reference);
        bool regularised = shared.Tau is { } t && t != 0;
        if (reference is not null && !regularised && algorithm is not Algorithms.TabularSelfPlay)
            throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Reference), shared.Reference,
                $"{Name} has no reference policy to anchor; it applies to {Name} only with {{0}} (the regularised game's gap)", OptionReference.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Tau)));
        // τ = 0 is the unregularised game, whose gap dg_last already is (and the τ of algorithms that accept 0).
        return regularised ? new RegularisedSelfPlay(algorithm, new Games.Exact.RegularisedGame(setup.Game, shared.Tau!.Value, reference)) : algorithm;
    }
}
