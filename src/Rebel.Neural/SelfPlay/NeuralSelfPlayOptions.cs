using Rebel.Preference;
using Checks = Rebel.Preference.OptionChecks<Rebel.Neural.SelfPlay.NeuralSelfPlayOptions>;

namespace Rebel.Neural.SelfPlay;

/// <summary>
/// Options of neural self-play (<c>--policy neural</c>): the transformer's shape, the device, and the AdamW fit of
/// each iteration. <c>--lr</c>, <c>--epochs</c> and <c>--batch</c> share their flags with the tabular AdamW fit but
/// have the neural defaults below; η is the shared <c>--eta</c> (else the tuned one) and K is <c>--samples</c>.
/// An algorithm's own options (online DPO's β) are in the derived records, with the tabular algorithm's names, meanings and defaults.
/// </summary>
public record NeuralSelfPlayOptions : IValidatedOptions
{
    /// <summary>Width of the transformer's residual stream.</summary>
    [Option("d-model", "transformer width d_model, a multiple of --heads (with --policy neural)")]
    public int DModel { get; init; } = 32;

    /// <summary>Transformer blocks.</summary>
    [Option("layers", "transformer blocks (with --policy neural)")]
    public int Layers { get; init; } = 1;

    /// <summary>Attention heads per block.</summary>
    [Option("heads", "attention heads per block (with --policy neural)")]
    public int Heads { get; init; } = 2;

    /// <summary>Where the policy lives: auto, cpu, cuda or cuda:N.</summary>
    [Option("device", "libtorch device: auto (cuda when available), cpu, cuda or cuda:N (with --policy neural)", ValueName = "device")]
    public string Device { get; init; } = "auto";

    /// <summary>libtorch CPU threads; 1 makes CPU runs bit-reproducible across resumes and machines' thread counts.</summary>
    [Option("threads", "libtorch CPU threads; 1 keeps CPU runs bit-reproducible (with --policy neural)")]
    public int Threads { get; init; } = 1;

    /// <summary>Prompts (groups of K samples) per iteration.</summary>
    [Option("prompts", "prompts per iteration, each with --samples responses (with --policy neural)")]
    public int Prompts { get; init; } = 32;

    /// <summary>AdamW learning rate.</summary>
    [Option("lr", "AdamW learning rate")]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Passes over each iteration's samples.</summary>
    [Option("epochs", "AdamW epochs over each iteration's data")]
    public int Epochs { get; init; } = 2;

    /// <summary>Prompts per minibatch (one AdamW step each).</summary>
    [Option("batch", "AdamW minibatch size (prompts per step with --policy neural)")]
    public int Batch { get; init; } = 8;

    /// <summary>The transformer's context (prompt plus response tokens); 0 sizes it to the longest prompt plus the response length.</summary>
    [Option("context", "transformer context in tokens, prompt plus response; 0: the longest prompt plus the response length (with --policy neural)")]
    public int Context { get; init; }

    /// <summary>How contexts become prompts: null numbers them in base V over the response tokens; <c>gpt2</c> or a tokenizer file makes each context's name its prompt text.</summary>
    [Option("tokenizer", "contexts as text prompts: gpt2, a tiktoken file, or vocab.json,merges.txt (with --policy neural; default: contexts numbered as prompts)", ValueName = "spec")]
    public string? Tokenizer { get; init; }

    /// <summary>Opponents M per prompt of the sampled gap estimate reported beside the exact one (<c>dg_last_est</c>, <c>dg_last_est_ci</c>, see <see cref="DualityGapEstimator"/>) and pairs per prompt of the win rate against π_ref (<c>win_rate_ref_est</c>, <c>win_rate_ref_ci</c>); 0 reports none.</summary>
    [Option("estimate-samples", "also report the duality gap estimated from M samples per prompt and the win rate against the initial policy from M generated pairs, each with its 95% interval (dg_last_est, dg_last_est_ci, win_rate_ref_est, win_rate_ref_ci) on evaluated iterations; 0: none (with --policy neural)", ValueName = "M")]
    public int EstimateSamples { get; init; }

    /// <summary>Responses of the initial policy per prompt in the fixed pool whose exploitation of π_t is estimated (<c>exploit_pool_est</c>, <c>exploit_pool_ci</c>, see <see cref="Evaluation.ExploitPoolEstimator"/>) with <see cref="EstimateSamples"/> opponents; 0: none.</summary>
    [Option("pool-samples", "with --estimate-samples: a pool of M responses of the initial policy per prompt, fixed for the run, and the estimate of how far its best candidate beats the policy (exploit_pool_est, exploit_pool_ci) on evaluated iterations; 0: none (with --policy neural)", ValueName = "M")]
    public int PoolSamples { get; init; }

    /// <summary>
    /// A Hugging Face GPT-2 directory (or a previous run's directory) whose weights start the policy and π_ref, for a
    /// game whose responses are generated (a <c>rebel-text-gpm/1</c> model from <c>fit-pref</c>); null: a transformer
    /// initialised from the seed over an enumerable game's compact vocabulary.
    /// </summary>
    [Option("model", "a Hugging Face GPT-2 directory (config.json, model.safetensors; vocab.json + merges.txt unless --tokenizer) that starts the policy and π_ref, which generate their responses; for a --pref-model fitted to text of any length (with --policy neural)", ValueName = "dir")]
    public string? Model { get; init; }

    /// <summary>With <see cref="Model"/>: tokens generated per response (the end-of-text token ends its text earlier).</summary>
    [Option("max-tokens", "with --model: tokens generated per response; the text ends at the first end-of-text token (with --policy neural)", ValueName = "n")]
    public int MaxTokens { get; init; } = 16;

    /// <summary>With <see cref="Model"/>: the logits are divided by it before sampling (1: the policy's own distribution).</summary>
    [Option("temperature", "with --model: divide the logits by t before sampling responses; 1 samples the policy itself (with --policy neural)", ValueName = "t")]
    public double Temperature { get; init; } = 1;

    /// <summary>With <see cref="Model"/>: nucleus sampling of the responses (1: all tokens).</summary>
    [Option("top-p", "with --model: nucleus sampling of responses among the fewest most likely tokens of total probability p; 1 samples the policy itself (with --policy neural)", ValueName = "p")]
    public double TopP { get; init; } = 1;

    /// <summary>
    /// How each group's outcomes become targets (docs/sampled-self-play.md, "Generated responses"): leave-one-out win
    /// rates, or importance-weighted ones with leave-two-out differences (unbiased whatever <c>--explore</c> draws);
    /// the doubly robust estimator needs every response listed and is refused.
    /// </summary>
    [Option("estimator", "regression targets of each group: leave-one-out win rates, or importance-weighted ones with leave-two-out differences, unbiased under --explore (with --policy neural)")]
    public RebelEstimator Estimator { get; init; } = RebelEstimator.LeaveOneOut;

    /// <summary>Iterations between exact evaluations of the policy over every sequence.</summary>
    [Option("eval-every", "exact evaluation every N iterations; lines in between repeat the last evaluated metrics (with --policy neural)")]
    public int EvalEvery { get; init; } = 1;

    /// <inheritdoc/>
    public virtual void Validate()
    {
        Checks.AtLeast(nameof(DModel), DModel, 1);
        Checks.AtLeast(nameof(Layers), Layers, 1);
        Checks.AtLeast(nameof(Heads), Heads, 1);
        if (DModel % Heads != 0)
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(DModel), DModel, "must be a multiple of {0}", OptionReference.Of<NeuralSelfPlayOptions>(nameof(Heads), Heads));
        if (!Torch.Device.IsSpec(Device))
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(Device), Device, "unknown device (expected auto, cpu, cuda or cuda:N)");
        Checks.AtLeast(nameof(Threads), Threads, 1);
        Checks.AtLeast(nameof(Prompts), Prompts, 1);
        Checks.PositiveFinite(nameof(LearningRate), LearningRate);
        Checks.AtLeast(nameof(Epochs), Epochs, 1);
        Checks.AtLeast(nameof(Batch), Batch, 1);
        Checks.AtLeast(nameof(EvalEvery), EvalEvery, 1);
        if (Estimator == RebelEstimator.DoublyRobust)
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(Estimator), Estimator,
                "credits its control variate to every response of a prompt, which the neural policy's generated responses do not list; use importance-weighted (unbiased) or leave-one-out");
        Checks.AtLeast(nameof(Context), Context, 0);
        if (EstimateSamples != 0 && (EstimateSamples < 4 || EstimateSamples % 2 != 0))
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(EstimateSamples), EstimateSamples, "must be 0 (none) or an even number ≥ 4");
        Checks.AtLeast(nameof(PoolSamples), PoolSamples, 0);
        Checks.AtLeast(nameof(MaxTokens), MaxTokens, 1);
        if (!(Temperature > 0) || !double.IsFinite(Temperature))
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(Temperature), Temperature, "must be a positive number (the policy's log-probabilities need a sampled distribution)");
        if (!(TopP > 0 && TopP <= 1))
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(TopP), TopP, "must be in (0, 1]");
        if (PoolSamples > 0 && EstimateSamples == 0)
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(PoolSamples), PoolSamples, "needs {0} opponents to play the pool against", OptionReference.Of<NeuralSelfPlayOptions>(nameof(EstimateSamples), EstimateSamples));
    }
}
