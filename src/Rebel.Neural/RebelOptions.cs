using Rebel.Preference;
using Rebel.Preference.Objectives;
using Rebel.Torch.Optim;

namespace Rebel.Neural;

/// <summary>Settings of <see cref="RebelTrainer"/>.</summary>
/// <param name="Prompts">Prompts (groups) sampled per iteration. Default 32.</param>
/// <param name="SamplesPerPrompt">K responses per prompt; rewards are leave-one-out win rates within the group. Default 4.</param>
/// <param name="Epochs">Passes over the iteration's data. Default 2.</param>
/// <param name="MinibatchPrompts">Groups per minibatch (one AdamW step each). Default 8.</param>
/// <param name="Optimizer">AdamW settings. Default lr 1e-3, weight decay 0, clipping at norm 1.</param>
/// <param name="Objective">
/// The objective fitted each iteration, the one the tabular algorithm of the same name fits
/// (<c>Rebel.Preference.Objectives</c>). Default REBEL with η = 1.
/// </param>
/// <param name="Temperature">The responses are drawn from softmax(logits / t); 1 draws from π_t itself. Default 1.</param>
/// <param name="TopP">Nucleus sampling of the responses; 1 draws from π_t itself. Default 1.</param>
/// <param name="Estimator">
/// How a group's outcomes become targets (docs/sampled-self-play.md, "Generated responses"): leave-one-out win rates
/// (default), or importance-weighted ones with leave-two-out differences, unbiased for any exploration; the doubly robust
/// estimator needs every response's control variate and is refused.
/// </param>
/// <param name="Feedback">Exact probabilities (default) or Bernoulli outcomes drawn from them.</param>
/// <param name="QueryBudget">Oracle queries per group, a uniform subset of its K(K−1)/2 pairs; null (default) asks every pair.</param>
/// <param name="Explore">
/// With the importance-weighted estimator, the weight γ of the exploration distribution ν in the draws
/// <c>μ = (1 − γ) π_t + γ ν</c> (ν uniform over the response tokens, or the explorer given to the trainer). Default 0.
/// </param>
/// <param name="Baseline">With the importance-weighted estimator, the baseline b the weighted outcomes are centred on. Default 1/2.</param>
public sealed record RebelOptions(
    int Prompts = 32,
    int SamplesPerPrompt = 4,
    int Epochs = 2,
    int MinibatchPrompts = 8,
    AdamWOptions? Optimizer = null,
    SelfPlayObjective? Objective = null,
    double Temperature = 1,
    double TopP = 1,
    RebelEstimator Estimator = RebelEstimator.LeaveOneOut,
    FeedbackKind Feedback = FeedbackKind.Exact,
    int? QueryBudget = null,
    double Explore = 0,
    double Baseline = 0.5)
{
    /// <summary>Whether the importance-weighted estimator is in force.</summary>
    public bool ImportanceWeighted => Estimator == RebelEstimator.ImportanceWeighted;

    /// <summary>The AdamW settings in force.</summary>
    public AdamWOptions OptimizerOrDefault => Optimizer ?? new AdamWOptions(WeightDecay: 0);

    /// <summary>The objective in force.</summary>
    public SelfPlayObjective ObjectiveOrDefault => Objective ?? new RebelObjective(1);
}
