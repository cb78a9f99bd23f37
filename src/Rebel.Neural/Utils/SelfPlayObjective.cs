using Rebel.Torch;

namespace Rebel.Neural.Utils;

/// <summary>The losses of <see cref="SelfPlayLoss"/> on one minibatch of groups: log-ratios ρ and win rates r, both [groups, K].</summary>
internal static class SelfPlayObjective
{
    internal static Tensor Loss(RebelOptions options, Tensor logRatio, Tensor reward) => options.Loss switch
    {
        SelfPlayLoss.Rebel => Rebel(logRatio, reward, options.Eta),
        SelfPlayLoss.Sppo => Sppo(logRatio, reward, options.Eta),
        SelfPlayLoss.OnlineDpo => OnlineDpo(logRatio, reward, options.Beta),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Loss, "unknown self-play loss"),
    };

    // Mean over ordered pairs i ≠ j; the diagonal terms are zero, hence the K(K−1) denominator.
    internal static Tensor Rebel(Tensor logRatio, Tensor reward, double eta)
    {
        using var scope = new DisposeScope();
        var shape = logRatio.Shape;
        var residual = logRatio / eta - reward;
        var pairs = residual.Unsqueeze(2) - residual.Unsqueeze(1);
        return (pairs.Pow(2).Sum() / (shape[0] * shape[1] * (shape[1] - 1.0))).MoveToOuterScope();
    }

    internal static Tensor Sppo(Tensor logRatio, Tensor reward, double eta)
    {
        using var scope = new DisposeScope();
        return (logRatio - (reward - 0.5) * eta).Pow(2).Mean().MoveToOuterScope();
    }

    // Pairs (w, l) with r_w > r_l; groups without any such pair contribute nothing.
    internal static Tensor OnlineDpo(Tensor logRatio, Tensor reward, double beta)
    {
        using var scope = new DisposeScope();
        var wins = (reward.Unsqueeze(2) - reward.Unsqueeze(1)).Greater(0).To(logRatio.DType);
        var margin = (logRatio.Unsqueeze(2) - logRatio.Unsqueeze(1)) * beta;
        var count = Math.Max(1.0, wins.Sum().Item());
        return (-(margin.LogSigmoid() * wins).Sum() / count).MoveToOuterScope();
    }
}
