using Rebel.Torch;

namespace Rebel.Neural;

/// <summary>
/// A <see cref="global::Rebel.Preference.Objectives.SelfPlayObjective"/> on a minibatch of groups of a tensor policy, without restating the loss in
/// tensors: the objective computes the mean group loss and <c>∂L/∂ρ</c> on the host, and the surrogate
/// <c>Σ ρ ⊙ stop_gradient(∂L/∂ρ)</c> has, by the chain rule, the loss's gradient in the policy's parameters.
/// </summary>
internal static class ObjectiveLoss
{
    /// <summary>The objective on log-ratios <paramref name="logRatio"/> [G, K] (differentiable), averaged over the G groups.</summary>
    /// <param name="objective">The algorithm's objective.</param>
    /// <param name="logRatio">ρ = ln π_θ − ln π_anchor per response, [G, K], on the policy's device.</param>
    /// <param name="winRate">r per response, G·K in the rows' order.</param>
    /// <param name="outcome">o_ij per group, G·K·K (each group's K×K row-major).</param>
    /// <param name="difference">The estimates of r_i − r_j per group, G·K·K, or empty for the win rates' differences.</param>
    /// <returns>The surrogate to back-propagate and the mean loss.</returns>
    internal static (Tensor Surrogate, double Loss) Of(global::Rebel.Preference.Objectives.SelfPlayObjective objective, Tensor logRatio, ReadOnlySpan<double> winRate, ReadOnlySpan<double> outcome, ReadOnlySpan<double> difference = default)
    {
        var shape = logRatio.Shape;
        int groups = (int)shape[0], k = (int)shape[1];
        double[] rho;
        using (var host = logRatio.Detach().To(DType.Float64, Device.Cpu))
            rho = host.ToArray<double>();
        var gradient = new double[groups * k];
        double loss = 0;
        for (int g = 0; g < groups; g++)
            loss += objective.Loss(rho.AsSpan(g * k, k), winRate.Slice(g * k, k), outcome.Slice(g * k * k, k * k), gradient.AsSpan(g * k, k),
                difference.IsEmpty ? default : difference.Slice(g * k * k, k * k));
        for (int i = 0; i < gradient.Length; i++)
            gradient[i] /= groups;
        using var scale = Tensor.FromArray(gradient, groups, k).To(logRatio.DType, logRatio.Device);
        using var product = logRatio * scale;
        return (product.Sum(), loss / groups);
    }
}
