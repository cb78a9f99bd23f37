using System.Collections.Concurrent;
using Rebel.Preference.Algorithms;

namespace Rebel.Preference;

/// <summary>Every self-play algorithm by its <c>--algo</c> name.</summary>
public static class AlgorithmCatalog
{
    private static readonly ConcurrentDictionary<(string Name, PolicyKind Policy), AlgorithmDescriptor> Variants = new();

    /// <summary>All algorithms, in listing order.</summary>
    public static IReadOnlyList<AlgorithmDescriptor> All { get; } =
    [
        new("mirror-descent", "exact self-play mirror descent (Hedge on exact win rates, never sampled); the reference", typeof(MirrorDescentOptions),
            TabularOnly("mirror-descent", s => new MirrorDescentAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<MirrorDescentOptions>().Eta), s.Shared))),
        new("rebel", "REBEL: regress logit differences onto self-play win-rate differences (sampled, exact or AdamW fit)", typeof(RebelOptions),
            s => new RebelAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<RebelOptions>().Eta), s.Seed, s.Shared, s.OptionsOr<RebelOptions>(), oracle: s.Oracle)),
        new("sppo", "SPPO: per-sample square loss to η(r̂ − 1/2), the log-normaliser approximated by η/2", typeof(SppoOptions),
            TabularOnly("sppo", s => new SppoAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<SppoOptions>().Eta), s.Seed, s.Shared, oracle: s.Oracle))),
        new("nash-md", "Nash-MD: mirror step against the geometric mixture of π_t and π_ref (win rates sampled against the mixture)", typeof(NashMdOptions),
            TabularOnly("nash-md", s => new NashMdAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<NashMdOptions>().Eta), s.OptionsOr<NashMdOptions>().Tau, s.Seed, s.Shared, oracle: s.Oracle))),
        new("omwu", "optimistic multiplicative weights, η(2g_t − g_{t−1}) on sampled win rates; with exact ones the last iterate converges", typeof(OmwuOptions),
            TabularOnly("omwu", s => new OmwuAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<OmwuOptions>().Eta), s.Seed, s.Shared, oracle: s.Oracle))),
        new("extragradient", "extragradient (EGPO): half step, then full step with win rates sampled against the half step", typeof(ExtragradientOptions),
            TabularOnly("extragradient", s => new ExtragradientAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<ExtragradientOptions>().Eta), s.OptionsOr<ExtragradientOptions>().Tau, s.Seed, s.Shared, oracle: s.Oracle))),
        new("mmd", "magnetic mirror descent toward π_ref (sampled win rates)", typeof(MagneticMirrorDescentOptions),
            TabularOnly("mmd", s => new MagneticMirrorDescentAlgorithm(s.Game, s.ResolveEta(s.OptionsOr<MagneticMirrorDescentOptions>().Eta), s.OptionsOr<MagneticMirrorDescentOptions>().Alpha, s.Seed, s.Shared, oracle: s.Oracle))),
        new("online-dpo", "online DPO: logistic loss on sampled, oracle-labelled pairs, one gradient step of --lr per iteration", typeof(OnlineDpoOptions),
            TabularOnly("online-dpo", s => new OnlineDpoAlgorithm(s.Game, s.Seed, s.Shared, s.OptionsOr<OnlineDpoOptions>().Beta, oracle: s.Oracle))),
        new("online-ipo", "online IPO: square loss on sampled, oracle-labelled pairs (or its population form, --loss exact), one gradient step of --lr per iteration", typeof(OnlineIpoOptions),
            TabularOnly("online-ipo", s => s.OptionsOr<OnlineIpoOptions>() is var o && o.Loss == LossKind.Exact
                ? new ExactOnlineIpoAlgorithm(s.Exact("online-ipo", "lr").Game, o.Tau, s.Shared.LearningRate)
                : new OnlineIpoAlgorithm(s.Game, s.Seed, s.Shared, o.Tau, oracle: s.Oracle))),
        new("bt-rlhf", "Bradley-Terry RLHF: fit a BT reward to all queried pairs, then π ∝ π_ref exp(s/β)", typeof(BtRlhfOptions),
            TabularOnly("bt-rlhf", s => new BtRlhfAlgorithm(s.Game, s.Seed, s.Shared, s.OptionsOr<BtRlhfOptions>(), oracle: s.Oracle))),
        new("egpo", "EGPO: extragradient on the τ-regularised game, both steps from π_t^{1−ητ} π_ref^{ητ} (exact, or --loss sampled)", typeof(EgpoOptions),
            TabularOnly("egpo", s => s.OptionsOr<EgpoOptions>() is var o && o.Loss == LossKind.Sampled
                ? new SampledEgpoAlgorithm(s.Game, o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
                : new EgpoAlgorithm(s.Exact("egpo", "eta").Game, s.ResolveEta(o.Eta), o.Tau))),
        new("nash-md-pg", "Nash-MD-PG: policy-gradient step of --lr toward the win rate against Nash-MD's mixture minus τ log π/π_ref (exact, or --loss sampled)", typeof(NashMdPgOptions),
            TabularOnly("nash-md-pg", s => s.OptionsOr<NashMdPgOptions>() is var o && o.Loss == LossKind.Sampled
                ? new SampledNashMdPgAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
                : new NashMdPgAlgorithm(s.Exact("nash-md-pg", "eta", "lr").Game, s.ResolveEta(o.Eta), o.Tau, s.Shared.LearningRate))),
        new("inpo", "INPO: online mirror descent on the τ-regularised game (exact, or --loss sampled: its square loss on labelled pairs)", typeof(InpoOptions),
            TabularOnly("inpo", s => s.OptionsOr<InpoOptions>() is var o && o.Loss == LossKind.Sampled
                ? new SampledInpoAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Tau, s.Seed, s.Shared, oracle: s.Oracle)
                : new InpoAlgorithm(s.Exact("inpo", "eta").Game, s.ResolveEta(o.Eta), o.Tau))),
        new("comal", "COMAL: prox steps of --inner INPO iterations, the reference moving to the last iterate; last iterate → minimax winner (exact, or --loss sampled)", typeof(ComalOptions),
            TabularOnly("comal", s => s.OptionsOr<ComalOptions>() is var o && o.Loss == LossKind.Sampled
                ? new SampledComalAlgorithm(s.Game, s.ResolveEta(o.Eta), o.Prox, o.Inner, s.Seed, s.Shared, oracle: s.Oracle)
                : new ComalAlgorithm(s.Exact("comal", "eta").Game, s.ResolveEta(o.Eta), o.Prox, o.Inner))),
        new("fictitious-play", "fictitious play: the belief moves toward a best response to its tracked, sampled win rates by 1/(t+2)", null,
            TabularOnly("fictitious-play", s => new FictitiousPlayAlgorithm(s.Game, s.Seed, s.Shared, oracle: s.Oracle))),
    ];

    /// <summary>A factory that first refuses policy classes other than tabular.</summary>
    private static Func<AlgorithmSetup, ISelfPlayAlgorithm> TabularOnly(string name, Func<AlgorithmSetup, ISelfPlayAlgorithm> create) =>
        s => create(s.RequireTabularPolicy(name));

    /// <summary>
    /// Registers the implementation of the listed algorithm <paramref name="descriptor"/>.Name for another policy class,
    /// e.g. neural policies from a library this one cannot reference. Registering the same pair again replaces it.
    /// </summary>
    /// <exception cref="ArgumentException">No listed algorithm has that name.</exception>
    public static void Register(PolicyKind policy, AlgorithmDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _ = Find(descriptor.Name);
        Variants[(descriptor.Name, policy)] = descriptor;
    }

    /// <summary>The registered variants for other policy classes, in name order.</summary>
    public static IReadOnlyList<(PolicyKind Policy, AlgorithmDescriptor Descriptor)> RegisteredVariants =>
        Variants.OrderBy(v => v.Key.Name, StringComparer.Ordinal).ThenBy(v => v.Key.Policy).Select(v => (v.Key.Policy, v.Value)).ToArray();

    /// <summary>The implementation of <paramref name="name"/> for <paramref name="policy"/>: a registered variant, else the listed algorithm, else null.</summary>
    public static AlgorithmDescriptor? For(string name, PolicyKind policy) =>
        Variants.TryGetValue((name, policy), out var variant) ? variant : All.FirstOrDefault(a => a.Name == name);

    /// <summary>The algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static AlgorithmDescriptor Find(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"unknown algorithm '{name}' (known: {string.Join(", ", All.Select(a => a.Name))})");
}
