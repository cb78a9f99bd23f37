namespace Rebel.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope and disposes them together,
/// so a training loop body wrapped in <c>using (new DisposeScope())</c> frees its intermediates.
/// Tensors to keep are handed outwards with <see cref="Tensor.MoveToOuterScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> owned = [];
    private bool disposed;

    /// <summary>Opens a scope that becomes the innermost one on this thread.</summary>
    public DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    internal void Adopt(Tensor tensor)
    {
        tensor.Owner = this;
        owned.Add(tensor);
    }

    // The tensor stays in `owned` but no longer names this scope as owner, so Dispose skips it.
    internal void Release(Tensor tensor)
    {
        tensor.Owner = null;
        outer?.Adopt(tensor);
    }

    /// <summary>Disposes the tensors this scope still owns and makes the enclosing scope innermost again.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in owned)
            if (ReferenceEquals(t.Owner, this)) t.Dispose();
        owned.Clear();
        current = outer;
    }
}
