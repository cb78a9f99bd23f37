using Rebel.Torch.Nn;

namespace Rebel.Torch.Models;

/// <summary>
/// A softmax policy over a finite response set described by features: an MLP scores each response's feature
/// vector, and <c>π(y|x) ∝ exp(score(y))</c> over the responses of the context.
/// </summary>
public sealed class MlpPolicy : Module
{
    private readonly Linear[] hidden;
    private readonly Linear head;

    /// <summary>Creates the policy for responses with <paramref name="featureDim"/> features, initialised from <paramref name="generator"/>.</summary>
    public MlpPolicy(int featureDim, MlpPolicyOptions options, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (featureDim < 1 || options.Hidden < 1 || options.Layers < 0)
            throw new ArgumentException($"MLP policy: feature dim {featureDim}, hidden {options.Hidden} and layers {options.Layers} must be positive");
        hidden = new Linear[options.Layers];
        long width = featureDim;
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = RegisterModule($"hidden.{i}", new Linear(width, options.Hidden, generator, device));
            width = options.Hidden;
        }
        head = RegisterModule("head", new Linear(width, 1, generator, device));
    }

    /// <summary>Scores of the responses: features [..., n, f] → [..., n].</summary>
    public Tensor Logits(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = new DisposeScope();
        var h = features;
        foreach (var layer in hidden) h = layer.Forward(h).Gelu();
        return head.Forward(h).Squeeze(-1).MoveToOuterScope();
    }

    /// <summary><c>ln π(y|x)</c> for every response: features [..., n, f] → [..., n], normalised over the last dimension.</summary>
    public Tensor LogProbs(Tensor features)
    {
        using var logits = Logits(features);
        return logits.LogSoftmax(-1);
    }
}
