using Rebel.Preference;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Objectives;

namespace Rebel.Neural.SelfPlay;

/// <summary>
/// The neural variants, for <see cref="AlgorithmCatalog"/>, of every algorithm whose learner is a loss on sampled
/// groups: each fits the objective its tabular algorithm fits (<c>Rebel.Preference.Objectives</c>), with the tabular
/// options' names, meanings and defaults (η of <c>rebel</c>, <c>sppo</c> and <c>inpo</c>, β of <c>online-dpo</c>, τ of
/// <c>online-ipo</c> and <c>inpo</c>; INPO's is its sampled loss); only the solver differs (AdamW on the transformer).
/// </summary>
public static class NeuralAlgorithms
{
    /// <summary>The algorithms with a neural variant: name, options record, and the objective of a run.</summary>
    public static IReadOnlyList<(string Name, Type Options, Func<AlgorithmSetup, NeuralSelfPlayOptions, SelfPlayObjective> Objective)> Variants { get; } =
    [
        ("rebel", typeof(NeuralSelfPlayOptions), (s, _) => new RebelObjective(s.ResolveEta(null))),
        ("sppo", typeof(NeuralSelfPlayOptions), (s, _) => new SppoObjective(s.ResolveEta(null))),
        ("online-dpo", typeof(NeuralOnlineDpoOptions), (_, o) => new LogisticPairObjective(((NeuralOnlineDpoOptions)o).Beta)),
        ("online-ipo", typeof(NeuralOnlineIpoOptions), (_, o) => SquarePairObjective.Ipo(((NeuralOnlineIpoOptions)o).Tau)),
        ("inpo", typeof(NeuralInpoOptions), (s, o) =>
        {
            var (anchor, scale) = InpoAlgorithm.Weights(s.ResolveEta(null), ((NeuralInpoOptions)o).Tau);
            return new SquarePairObjective(scale, referenceWeight: anchor);
        }),
    ];

    /// <summary>
    /// The shared options a variant with options record <paramref name="options"/> uses (its descriptor's
    /// <see cref="AlgorithmDescriptor.SharedOptions"/>, also checked by <see cref="Create"/>, which runs without one):
    /// the learning rate, epochs and batch reach the run through the variant's own options record, which shares their
    /// names; online DPO's and IPO's steps are their own β and τ, as in the tabular algorithms, so they take no η.
    /// </summary>
    private static string[] SharedOptions(Type options)
    {
        string[] adamW = [nameof(SelfPlayOptions.Policy), nameof(SelfPlayOptions.Samples), nameof(SelfPlayOptions.LearningRate), nameof(SelfPlayOptions.Epochs), nameof(SelfPlayOptions.Batch),
            .. Sampling];
        return options == typeof(NeuralSelfPlayOptions) || options == typeof(NeuralInpoOptions) ? [nameof(SelfPlayOptions.Eta), .. adamW] : adamW;
    }

    // The shared sampler's options (SelfPlaySampler.SampleGroup); exploration and its baseline only with the importance-weighted estimator.
    private static readonly string[] Sampling = [nameof(SelfPlayOptions.Feedback), nameof(SelfPlayOptions.QueryBudget), nameof(SelfPlayOptions.Explore), nameof(SelfPlayOptions.Baseline)];

    /// <summary>Registers the variants under <see cref="PolicyKind.Neural"/> (idempotent).</summary>
    public static void Register()
    {
        foreach (var (name, options, _) in Variants)
            AlgorithmCatalog.Register(PolicyKind.Neural, new AlgorithmDescriptor(name,
                $"{name} with a transformer policy on an enumerable sequence game, one prompt per context (libtorch; exact DG through the evaluator)",
                options, s => Create(name, s)) { SharedOptions = SharedOptions(options) });
    }

    /// <summary>The neural self-play run <paramref name="setup"/> asks for; shared options neural self-play does not implement are refused.</summary>
    /// <exception cref="ArgumentException">An unknown variant, an unsupported option value or game (one line naming the option).</exception>
    public static NeuralSelfPlay Create(string name, AlgorithmSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var (_, type, objective) = Variants.FirstOrDefault(v => v.Name == name);
        if (type is null)
            throw new ArgumentException($"{name} has no neural variant (known: {string.Join(", ", Variants.Select(v => v.Name))})", nameof(name));
        var shared = setup.Shared;
        if (shared.Samples.Count is not { } k)
            throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Samples), "all", "the neural policy draws K ≥ 2 sampled responses per prompt");
        // The run records what it runs with: the variant's AdamW settings in place of the tabular defaults it does not
        // use, the device that "auto" resolved to, with libtorch's version, and the tokenizer's files by absolute path.
        var own = setup.Options as NeuralSelfPlayOptions ?? (NeuralSelfPlayOptions)Activator.CreateInstance(type)!;
        bool weighted = own.Estimator == RebelEstimator.ImportanceWeighted;
        var estimator = OptionReference.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Estimator), own.Estimator);
        string[] unused = weighted ? [] : [nameof(SelfPlayOptions.Explore), nameof(SelfPlayOptions.Baseline)];
        shared.RequireOnly($"{name} --policy neural with {{0}}", "all pairs within each group, pure self-play, AdamW; exploration and its baseline weight the importance-weighted estimates only",
            [estimator], [.. SharedOptions(type).Except(unused)]);
        if (weighted && k < 3)
            throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Samples), k, "the importance-weighted estimator reads a pair's target from the other samples: it needs K ≥ 3");
        if (weighted && shared.Explore > 0 && (own.Temperature != 1 || own.TopP != 1))
            throw OptionException.Of<SelfPlayOptions>(nameof(SelfPlayOptions.Explore), shared.Explore, "reweights the draws by π_t/μ, which needs them drawn from π_t itself, not with {0} and {1}; 0 explores nothing",
                OptionReference.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Temperature), own.Temperature), OptionReference.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.TopP), own.TopP));
        var device = DeviceOption.Resolve<NeuralSelfPlayOptions>(own.Device);
        own = own with { Device = device.ToString(), Tokenizer = Text.TextTokenizer.WithFullPaths(own.Tokenizer), Model = own.Model is null ? null : Path.GetFullPath(own.Model) };
        setup.Resolve(setup.ResolvedShared with { LearningRate = own.LearningRate, Epochs = own.Epochs, Batch = own.Batch }, own);
        setup.RecordRuntime("libtorch", Torch.Torch.Version);
        setup.RecordRuntime("device", device.ToString());
        var ranks = Ranks.Read();
        setup.RecordRuntime("world_size", ranks.WorldSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (setup.Game.TextModel is not null || setup.Game.Judge is { Generated: true } || own.Model is not null)
            return GeneratedText.Create(name, setup, objective(setup, own), k, own, device);
        var prompts = string.IsNullOrEmpty(own.Tokenizer) ? null : Text.TextPrompts.Of(setup.Game, Text.TextTokenizer.Load(own.Tokenizer));
        return new NeuralSelfPlay(name, setup.Game, objective(setup, own), k, own, setup.Seed, setup.Iterations, prompts, setup.Oracle,
            ranks.IsDistributed ? Ranks.Join(ranks, device) : null, shared);
    }
}
