using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>Owns one native <c>torch::Tensor*</c>; released exactly once, by Dispose or the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long _live;

    public TensorHandle() : base(0, ownsHandle: true) => Interlocked.Increment(ref _live);

    /// <summary>Handles created and not yet released, process-wide (for leak checks).</summary>
    internal static long Live => Interlocked.Read(ref _live);

    public override bool IsInvalid => handle == 0;

    // A null handle (an op that failed, a missing gradient) owns nothing, so ReleaseHandle never runs for it.
    protected override void Dispose(bool disposing)
    {
        if (IsInvalid && !IsClosed) Interlocked.Decrement(ref _live);
        base.Dispose(disposing);
    }

    protected override bool ReleaseHandle()
    {
        Native.rt_tensor_dispose(handle);
        Interlocked.Decrement(ref _live);
        return true;
    }
}
