namespace Rebel.Torch.Nn;

/// <summary>A lookup table of <c>count</c> learned vectors of size <c>dim</c>, initialised Normal(0, std²).</summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table.</summary>
    public Embedding(long count, long dim, Generator generator, Device device, double std)
    {
        Weight = RegisterParameter("weight", Normal([count, dim], std, generator, device));
    }

    /// <summary>The table, [count, dim] (also used as a tied output projection).</summary>
    public Tensor Weight { get; }

    /// <summary>The rows at the integer <paramref name="indices"/>.</summary>
    public Tensor Forward(Tensor indices) => Tensor.Embedding(Weight, indices);
}
