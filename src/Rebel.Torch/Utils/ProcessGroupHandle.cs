using System.Runtime.InteropServices;

namespace Rebel.Torch.Utils;

/// <summary>Owns one native c10d process group and its store.</summary>
internal sealed class ProcessGroupHandle : SafeHandle
{
    public ProcessGroupHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.rt_group_dispose(handle);
        return true;
    }
}
