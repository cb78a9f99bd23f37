namespace Rebel.Torch.Interop;

/// <summary>
/// Raw pointers of several tensors for one native call taking an array, with each SafeHandle's reference
/// count held so no tensor can be released while the call runs.
/// </summary>
internal sealed class HandleArray : IDisposable
{
    private readonly TensorHandle[] _handles;

    internal HandleArray(IReadOnlyList<Tensor> tensors)
    {
        _handles = new TensorHandle[tensors.Count];
        Pointers = new nint[tensors.Count];
        for (var i = 0; i < _handles.Length; i++)
        {
            var h = tensors[i].Handle;
            var added = false;
            h.DangerousAddRef(ref added);
            _handles[i] = h;
            Pointers[i] = h.DangerousGetHandle();
        }
    }

    internal nint[] Pointers { get; }

    public void Dispose()
    {
        foreach (var h in _handles) h.DangerousRelease();
    }
}
