namespace Rebel.Torch.Nn;

/// <summary>Layer normalisation over the last dimension with a learned gain (init 1) and shift (init 0).</summary>
public sealed class LayerNorm : Module
{
    private readonly long[] shape;
    private readonly Tensor weight;
    private readonly Tensor bias;

    /// <summary>Creates the layer for features of size <paramref name="dim"/>.</summary>
    public LayerNorm(long dim, Device device, double eps = 1e-5)
    {
        shape = [dim];
        Eps = eps;
        weight = RegisterParameter("weight", Tensor.Ones(shape, DType.Float32, device));
        bias = RegisterParameter("bias", Tensor.Zeros(shape, DType.Float32, device));
    }

    /// <summary>The variance floor.</summary>
    public double Eps { get; }

    /// <summary>Normalises the last dimension of <paramref name="x"/>.</summary>
    public Tensor Forward(Tensor x) => Tensor.LayerNorm(x, shape, weight, bias, Eps);
}
