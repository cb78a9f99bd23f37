using Rebel.Torch.Interop;


namespace Rebel.Torch;

/// <summary>
/// A seeded random generator for one device kind. Random ops take it explicitly, so results are
/// reproducible from the seed; its state can be saved and restored for checkpoint/resume.
/// </summary>
public sealed class Generator : IDisposable
{
    internal GeneratorHandle Handle { get; }

    /// <summary>Creates a generator seeded with <paramref name="seed"/> on the CPU, or on <paramref name="device"/>.</summary>
    public Generator(ulong seed, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        Handle = Native.rt_generator_new(seed, (int)d.Type, d.Index);
        Native.Check();
        Device = d;
    }

    /// <summary>The device kind whose random streams this generator drives.</summary>
    public Device Device { get; }

    /// <summary>The generator's full state as bytes.</summary>
    public byte[] GetState()
    {
        using var state = new Tensor(Native.Checked(Native.rt_generator_get_state(Handle)), scoped: false);
        return state.ToArray<byte>();
    }

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    public void SetState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var t = Tensor.FromBytes(state);
        Native.rt_generator_set_state(Handle, t.Handle);
        Native.Check();
    }

    /// <summary>Releases the native generator.</summary>
    public void Dispose() => Handle.Dispose();
}
