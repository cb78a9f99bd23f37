using Rebel.Torch.Interop;


namespace Rebel.Torch;

/// <summary>Sets this thread's grad mode for its lifetime and restores the previous mode on dispose.</summary>
public readonly struct GradScope : IDisposable
{
    private readonly bool _previous;

    internal GradScope(bool enabled)
    {
        _previous = Native.rt_set_grad_enabled(enabled ? 1 : 0) != 0;
        Native.Check();
    }

    /// <summary>Restores the grad mode in force when the scope began.</summary>
    public void Dispose() => Native.rt_set_grad_enabled(_previous ? 1 : 0);
}
