using Rebel.Torch.Interop;


namespace Rebel.Torch.Optim;

/// <summary>
/// libtorch's AdamW (Loshchilov and Hutter, decoupled weight decay) over a fixed list of parameters, with
/// optional gradient-norm clipping before each step and save/load of its moment estimates.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly OptimizerHandle _handle;
    private readonly Tensor[] _parameters;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (leaf tensors that require gradients).</summary>
    public AdamW(IEnumerable<Tensor> parameters, AdamWOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        _parameters = parameters.ToArray();
        Options = options;
        using var pin = new HandleArray(_parameters);
        _handle = Native.rt_adamw_new(pin.Pointers, pin.Pointers.Length, options.Lr, options.Beta1, options.Beta2,
            options.Eps, options.WeightDecay);
        Native.Check();
    }

    /// <summary>The settings in force.</summary>
    public AdamWOptions Options { get; }

    /// <summary>Clips the gradients (when <see cref="AdamWOptions.MaxGradNorm"/> is set) and takes one step; returns the gradient norm before clipping, or NaN without clipping.</summary>
    public double Step()
    {
        var norm = Options.MaxGradNorm is { } max ? Torch.ClipGradNorm(_parameters, max) : double.NaN;
        Native.rt_adamw_step(_handle);
        Native.Check();
        return norm;
    }

    /// <summary>Releases the parameters' gradients before the next backward pass.</summary>
    public void ZeroGrad()
    {
        Native.rt_adamw_zero_grad(_handle, setToNone: 1);
        Native.Check();
    }

    /// <summary>Writes the optimizer state (step counts, moment estimates) to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        Native.rt_adamw_save(_handle, path);
        Native.Check();
    }

    /// <summary>Restores a state written by <see cref="Save"/> for the same parameter list.</summary>
    public void Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: optimizer state not found", path);
        Native.rt_adamw_load(_handle, path);
        try { Native.Check(); }
        catch (TorchException e) { throw new TorchException($"{path}: {e.Message}", e); }
    }

    /// <summary>Releases the native optimizer (not the parameters).</summary>
    public void Dispose() => _handle.Dispose();
}
