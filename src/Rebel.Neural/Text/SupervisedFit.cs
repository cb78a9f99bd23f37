using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

namespace Rebel.Neural.Text;

/// <summary>
/// Supervised fine-tuning: full-batch AdamW on the negative log-likelihood <c>−mean ln π(y | x)</c> of given responses
/// after their prompts, so that self-play starts from a policy that already writes answers of the data's kind (a
/// random GPT-2 over 50,257 ids almost never writes a token a fitted preference model knows).
/// </summary>
public static class SupervisedFit
{
    /// <summary>Fits <paramref name="policy"/> in place to the rows of <paramref name="prompts"/> [B, P] and <paramref name="responses"/> [B, L]; returns the final loss (nats per response).</summary>
    /// <exception cref="ArgumentException">No step, or the rows do not match.</exception>
    public static double Fit(TransformerPolicy policy, Tensor prompts, Tensor responses, int steps, AdamWOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (steps < 1) throw new ArgumentException($"Steps {steps}: must be ≥ 1", nameof(steps));
        if (prompts.Shape[0] != responses.Shape[0]) throw new ArgumentException($"{prompts.Shape[0]} prompts for {responses.Shape[0]} responses");
        using var optimizer = new AdamW(policy.Parameters(), options);
        double loss = double.NaN;
        for (var step = 0; step < steps; step++)
        {
            using var scope = new DisposeScope();
            var nll = -policy.SequenceLogProbs(prompts, responses).Mean();
            optimizer.ZeroGrad();
            nll.Backward();
            optimizer.Step();
            loss = nll.Item();
        }
        return loss;
    }
}
