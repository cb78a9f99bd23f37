namespace Rebel.Torch.Nn;

/// <summary>Layer normalisation over the last dimension with a learned gain (init 1) and shift (init 0).</summary>
public sealed class LayerNorm : Module
{
    private readonly long[] _shape;
    private readonly Tensor _weight;
    private readonly Tensor _bias;

    /// <summary>Creates the layer for features of size <paramref name="dim"/>.</summary>
    public LayerNorm(long dim, Device device, double eps = 1e-5)
    {
        _shape = [dim];
        Eps = eps;
        _weight = RegisterParameter("weight", Tensor.Ones(_shape, DType.Float32, device));
        _bias = RegisterParameter("bias", Tensor.Zeros(_shape, DType.Float32, device));
    }

    /// <summary>The variance floor.</summary>
    public double Eps { get; }

    /// <summary>Normalises the last dimension of <paramref name="x"/>.</summary>
    public Tensor Forward(Tensor x) => Tensor.LayerNorm(x, _shape, _weight, _bias, Eps);
}
