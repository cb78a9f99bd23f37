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
                $"{name} with a transformer policy on an enumerable sequence game, one prompt per context (libtorch; exact DG through the tabular core)",
                loss == SelfPlayLoss.OnlineDpo ? typeof(NeuralOnlineDpoOptions) : typeof(NeuralSelfPlayOptions), s => Create(name, loss, s)));
    }

    /// <summary>The neural self-play run <paramref name="setup"/> asks for; shared options neural self-play does not implement are refused.</summary>
    /// <exception cref="ArgumentException">An unsupported option value or game (one line naming the flag).</exception>
    public static NeuralSelfPlay Create(string name, SelfPlayLoss loss, AlgorithmSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var shared = setup.Shared;
        if (shared.Samples.Count is not { } k)
            throw new ArgumentException("--samples all: --policy neural draws K ≥ 2 sampled responses per prompt");
        // lr, epochs and batch reach the run through the variant's own options record, which shares their names;
        // online DPO's step is its own β, as in the tabular online-dpo, so it takes no η.
        string[] used = loss == SelfPlayLoss.OnlineDpo ? ["policy", "samples", "lr", "epochs", "batch"] : ["eta", "policy", "samples", "lr", "epochs", "batch"];
        shared.RequireOnly($"{name} --policy neural", "exact feedback, all pairs within each group, pure self-play, AdamW", used);
        // The run records what it runs with: the variant's AdamW settings in place of the tabular defaults it does not
        // use, the device that "auto" resolved to, with libtorch's version, and the tokenizer's files by absolute path.
        var own = setup.Options as NeuralSelfPlayOptions ?? (loss == SelfPlayLoss.OnlineDpo ? new NeuralOnlineDpoOptions() : new NeuralSelfPlayOptions());
        var device = Neural.Utils.DeviceOption.Resolve<NeuralSelfPlayOptions>(own.Device);
        own = own with { Device = device.ToString(), Tokenizer = Text.TextTokenizer.WithFullPaths(own.Tokenizer) };
        setup.Resolve(setup.ResolvedShared with { LearningRate = own.LearningRate, Epochs = own.Epochs, Batch = own.Batch }, own);
        setup.RecordRuntime("libtorch", Torch.Torch.Version);
        setup.RecordRuntime("device", device.ToString());
        var beta = (own as NeuralOnlineDpoOptions)?.Beta ?? new NeuralOnlineDpoOptions().Beta;
        var eta = loss == SelfPlayLoss.OnlineDpo ? 1 : setup.ResolveEta(null);
        var prompts = string.IsNullOrEmpty(own.Tokenizer) ? null : Text.TextPrompts.Of(setup.Game, Text.TextTokenizer.Load(own.Tokenizer));
        return new NeuralSelfPlay(name, setup.Game, loss, eta, k, own, setup.Seed, setup.Iterations, beta, prompts, setup.Oracle);
    }
}
