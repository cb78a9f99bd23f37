using Rebel.Preference;
using Rebel.Preference.Runs;

namespace Rebel.Neural.SelfPlay;

/// <summary>The neural variants of <c>rebel</c>, <c>sppo</c> and <c>online-dpo</c>, for <see cref="AlgorithmCatalog"/>.</summary>
public static class NeuralAlgorithms
{
    /// <summary>The algorithms with a neural variant and the objective each fits.</summary>
    public static IReadOnlyList<(string Name, SelfPlayLoss Loss)> Losses { get; } =
    [
        ("rebel", SelfPlayLoss.Rebel),
        ("sppo", SelfPlayLoss.Sppo),
        ("online-dpo", SelfPlayLoss.OnlineDpo),
    ];

    /// <summary>Registers the variants under <see cref="PolicyKind.Neural"/> (idempotent).</summary>
    public static void Register()
    {
        foreach (var (name, loss) in Losses)
            AlgorithmCatalog.Register(PolicyKind.Neural, new AlgorithmDescriptor(name,
                $"{name} with a transformer policy on an enumerable sequence game (libtorch; exact DG through the tabular core)",
                typeof(NeuralSelfPlayOptions), s => Create(name, loss, s)));
    }

    /// <summary>The neural self-play run <paramref name="setup"/> asks for; shared options neural self-play does not implement are refused.</summary>
    /// <exception cref="ArgumentException">An unsupported option value or game (one line naming the flag).</exception>
    public static NeuralSelfPlay Create(string name, SelfPlayLoss loss, AlgorithmSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var shared = setup.Shared;
        if (shared.Samples.Count is not { } k)
            throw new ArgumentException("--samples all: --policy neural draws K ≥ 2 sampled responses per prompt");
        // lr, epochs and batch reach the run through the variant's own options record, which shares their names.
        shared.RequireOnly($"{name} --policy neural", "exact feedback, all pairs within each group, pure self-play, AdamW",
            "eta", "policy", "samples", "lr", "epochs", "batch");
        // The run records what it runs with: the variant's AdamW settings in place of the tabular defaults it does not
        // use, and the device that "auto" resolved to, with libtorch's version.
        var own = setup.OptionsOr<NeuralSelfPlayOptions>();
        var device = Torch.Device.Resolve(own.Device);
        own = own with { Device = device.ToString() };
        setup.Resolve(setup.ResolvedShared with { LearningRate = own.LearningRate, Epochs = own.Epochs, Batch = own.Batch }, own);
        setup.RecordRuntime("libtorch", Torch.Torch.Version);
        setup.RecordRuntime("device", device.ToString());
        return new NeuralSelfPlay(name, setup.Game, loss, setup.ResolveEta(null), k, own, setup.Seed, setup.Iterations);
    }
}
