namespace Rebel.Torch.Optim;

/// <summary>Settings of <see cref="AdamW"/>; the defaults are PyTorch's, plus gradient clipping at norm 1.</summary>
/// <param name="Lr">Learning rate (step size). Default 1e-3.</param>
/// <param name="Beta1">Decay of the first-moment (mean) estimate. Default 0.9.</param>
/// <param name="Beta2">Decay of the second-moment (uncentred variance) estimate. Default 0.999.</param>
/// <param name="Eps">Added to the root of the second moment for stability. Default 1e-8.</param>
/// <param name="WeightDecay">Decoupled weight decay: each step multiplies parameters by (1 − Lr·WeightDecay). Default 0.01.</param>
/// <param name="MaxGradNorm">Gradients are rescaled to this joint 2-norm before each step; null disables clipping. Default 1.</param>
public sealed record AdamWOptions(
    double Lr = 1e-3,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Eps = 1e-8,
    double WeightDecay = 0.01,
    double? MaxGradNorm = 1.0);
