using Rebel.Torch.Optim;

namespace Rebel.Neural;

/// <summary>Settings of <see cref="RebelTrainer"/>.</summary>
/// <param name="Prompts">Prompts (groups) sampled per iteration. Default 32.</param>
/// <param name="SamplesPerPrompt">K responses per prompt; rewards are leave-one-out win rates within the group. Default 4.</param>
/// <param name="Eta">η of the REBEL and SPPO regressions, as the tabular algorithms' <c>Eta</c>: the update solves π_{t+1} ∝ π_t exp(η r). Default 1.</param>
/// <param name="Epochs">Passes over the iteration's data. Default 2.</param>
/// <param name="MinibatchPrompts">Groups per minibatch (one AdamW step each). Default 8.</param>
/// <param name="Optimizer">AdamW settings. Default lr 1e-3, weight decay 0, clipping at norm 1.</param>
/// <param name="Loss">The objective fitted each iteration (REBEL, or SPPO / online DPO for comparison). Default REBEL.</param>
/// <param name="Beta">Online DPO's inverse temperature β of the implicit reward β ln(π/π_t), as the tabular <c>online-dpo</c>'s <c>Beta</c>. Default 0.1.</param>
public sealed record RebelOptions(
    int Prompts = 32,
    int SamplesPerPrompt = 4,
    double Eta = 1.0,
    int Epochs = 2,
    int MinibatchPrompts = 8,
    AdamWOptions? Optimizer = null,
    SelfPlayLoss Loss = SelfPlayLoss.Rebel,
    double Beta = 0.1)
{
    /// <summary>The AdamW settings in force.</summary>
    public AdamWOptions OptimizerOrDefault => Optimizer ?? new AdamWOptions(WeightDecay: 0);
}
