namespace Rebel.Torch.Nn;

/// <summary>An affine map <c>y = x Wᵀ + b</c> with W of shape [out, in], initialised Normal(0, std²) and b = 0.</summary>
public sealed class Linear : Module
{
    private readonly Tensor _weight;
    private readonly Tensor? _bias;

    /// <summary>Creates the layer; <paramref name="std"/> defaults to 1/√in.</summary>
    public Linear(long inFeatures, long outFeatures, Generator generator, Device device, double? std = null, bool bias = true)
    {
        _weight = RegisterParameter("weight", Normal([outFeatures, inFeatures], std ?? 1.0 / Math.Sqrt(inFeatures), generator, device));
        if (bias) _bias = RegisterParameter("bias", Tensor.Zeros([outFeatures], DType.Float32, device));
    }

    /// <summary>Applies the map to the last dimension of <paramref name="x"/>.</summary>
    public Tensor Forward(Tensor x) => Tensor.Linear(x, _weight, _bias);
}
