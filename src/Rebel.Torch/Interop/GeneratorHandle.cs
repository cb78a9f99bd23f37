using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>Owns one native <c>at::Generator</c>.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    public GeneratorHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.rt_generator_dispose(handle);
        return true;
    }
}
