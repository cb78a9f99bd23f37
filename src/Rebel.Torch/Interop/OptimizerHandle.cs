using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>Owns one native AdamW optimizer.</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    public OptimizerHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.rt_adamw_dispose(handle);
        return true;
    }
}
