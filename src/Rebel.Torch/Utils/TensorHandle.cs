using System.Runtime.InteropServices;

namespace Rebel.Torch.Utils;

/// <summary>Owns one native <c>torch::Tensor*</c>; released exactly once, by Dispose or the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.rt_tensor_dispose(handle);
        return true;
    }
}
