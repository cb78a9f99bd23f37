namespace Rebel.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope and disposes them together,
/// so a training loop body wrapped in <c>using (new DisposeScope())</c> frees its intermediates.
/// Tensors to keep are handed outwards with <see cref="Tensor.MoveToOuterScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? _outer;
    private readonly List<Tensor> _owned = [];
    private bool _disposed;

    /// <summary>Opens a scope that becomes the innermost one on this thread.</summary>
    public DisposeScope()
    {
        _outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    internal void Adopt(Tensor tensor)
    {
        tensor.Owner = this;
        _owned.Add(tensor);
    }

    // The tensor stays in `_owned` but no longer names this scope as owner, so Dispose skips it.
    internal void Release(Tensor tensor)
    {
        tensor.Owner = null;
        _outer?.Adopt(tensor);
    }

    /// <summary>Disposes the tensors this scope still owns and makes the enclosing scope innermost again.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _owned)
            if (ReferenceEquals(t.Owner, this)) t.Dispose();
        _owned.Clear();
        current = _outer;
    }
}
