namespace Rebel.Torch.Nn;

/// <summary>
/// A neural network part that owns named parameters and sub-modules. Parameters live outside every
/// <see cref="DisposeScope"/> and are released by <see cref="Dispose()"/>; names are dotted paths
/// (<c>blocks.0.attn.qkv.weight</c>), the keys of <see cref="ParameterFile"/>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> parameters = [];
    private readonly List<(string Name, Module Module)> children = [];
    private bool _disposed;

    /// <summary>All parameters with their dotted names, in registration order.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters()
    {
        foreach (var p in parameters) yield return p;
        foreach (var (prefix, child) in children)
            foreach (var (name, tensor) in child.NamedParameters())
                yield return ($"{prefix}.{name}", tensor);
    }

    /// <summary>All parameters, in the order of <see cref="NamedParameters"/>.</summary>
    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor).ToArray();

    /// <summary>The total number of scalar parameters.</summary>
    public long ParameterCount() => NamedParameters().Sum(p => p.Tensor.Shape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Makes <paramref name="tensor"/> a trainable leaf owned by this module.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Unscope();
        tensor.RequiresGrad = true;
        parameters.Add((name, tensor));
        return tensor;
    }

    /// <summary>Adds <paramref name="module"/>'s parameters under the prefix <paramref name="name"/>.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        children.Add((name, module));
        return module;
    }

    /// <summary>
    /// Normal(0, std²) initial values drawn from <paramref name="generator"/> on its own device and then moved to
    /// <paramref name="device"/>, so one CPU generator gives the same initial model on every device.
    /// </summary>
    protected static Tensor Normal(long[] shape, double std, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var noGrad = Torch.NoGrad();
        using var z = Tensor.Randn(shape, generator, DType.Float32, generator.Device);
        using var scaled = z * std;
        return scaled.To(device);
    }

    /// <summary>Releases the parameters and sub-modules.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases owned native resources; overrides release their own caches and call the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        foreach (var (_, t) in parameters) t.Dispose();
        foreach (var (_, m) in children) m.Dispose();
    }
}
