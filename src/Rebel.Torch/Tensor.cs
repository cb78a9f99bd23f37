using Rebel.Torch.Interop;


namespace Rebel.Torch;

/// <summary>
/// A libtorch tensor. Dispose it, or create it inside a <see cref="DisposeScope"/> so that loops do not leak
/// native memory; the finalizer is only a safety net. Every operation returns a new tensor.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal TensorHandle Handle { get; }

    /// <summary>The scope that disposes this tensor, if any.</summary>
    internal DisposeScope? Owner { get; set; }

    internal Tensor(TensorHandle handle, bool scoped = true)
    {
        Handle = handle;
        if (scoped) DisposeScope.Current?.Adopt(this);
    }

    private static Tensor Wrap(TensorHandle handle) => new(Native.Checked(handle));

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (row-major).</summary>
    public static Tensor FromArray(float[] data, params long[] shape) => FromSpan<float>(data, DType.Float32, shape);

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (row-major).</summary>
    public static Tensor FromArray(double[] data, params long[] shape) => FromSpan<double>(data, DType.Float64, shape);

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (row-major).</summary>
    public static Tensor FromArray(long[] data, params long[] shape) => FromSpan<long>(data, DType.Int64, shape);

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (row-major).</summary>
    public static Tensor FromArray(bool[] data, params long[] shape) => FromSpan<bool>(data, DType.Bool, shape);

    internal static Tensor FromBytes(byte[] data) => FromSpan<byte>(data, DType.UInt8, [data.LongLength]);

    /// <summary>A tensor of <paramref name="dtype"/> over raw little-endian element bytes (the inverse of <see cref="ToBytes"/>).</summary>
    internal static unsafe Tensor FromBytes(byte[] data, DType dtype, long[] shape)
    {
        long count = 1;
        foreach (var d in shape) count *= d;
        if (count * ElementSize(dtype) != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] of {dtype} needs {count * ElementSize(dtype)} bytes, data has {data.Length}");
        fixed (byte* p = data)
            return Wrap(Native.rt_tensor_from_data(p, shape, shape.Length, (int)dtype));
    }

    internal static int ElementSize(DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.BFloat16 => 2,
        DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unsupported dtype"),
    };

    private static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, DType dtype, long[] shape) where T : unmanaged
    {
        long count = 1;
        foreach (var d in shape) count *= d;
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements, data has {data.Length}");
        fixed (T* p = data)
            return Wrap(Native.rt_tensor_from_data(p, shape, shape.Length, (int)dtype));
    }

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var d = device ?? Device.Cpu;
        return Wrap(Native.rt_tensor_full(shape, shape.Length, value, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    /// <summary>The integers 0, 1, …, <paramref name="end"/>−1.</summary>
    public static Tensor Arange(long end, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Wrap(Native.rt_tensor_arange(end, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>Standard normal samples drawn from <paramref name="generator"/>.</summary>
    public static Tensor Randn(long[] shape, Generator generator, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(generator);
        var d = device ?? generator.Device;
        return Wrap(Native.rt_tensor_randn(shape, shape.Length, generator.Handle, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>Uniform samples in [0, 1) drawn from <paramref name="generator"/>.</summary>
    public static Tensor Rand(long[] shape, Generator generator, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(generator);
        var d = device ?? generator.Device;
        return Wrap(Native.rt_tensor_rand(shape, shape.Length, generator.Handle, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>The sizes of the dimensions.</summary>
    public long[] Shape
    {
        get
        {
            var buffer = new long[16];
            var n = Native.rt_tensor_shape(Handle, buffer, buffer.Length);
            Native.Check();
            return buffer[..n];
        }
    }

    /// <summary>The number of dimensions.</summary>
    public int Dim
    {
        get
        {
            var n = Native.rt_tensor_dim(Handle);
            Native.Check();
            return n;
        }
    }

    /// <summary>The element type.</summary>
    public DType DType
    {
        get
        {
            var code = Native.rt_tensor_dtype(Handle);
            Native.Check();
            return (DType)code;
        }
    }

    /// <summary>The device holding the data.</summary>
    public Device Device
    {
        get
        {
            var type = Native.rt_tensor_device_type(Handle);
            var index = Native.rt_tensor_device_index(Handle);
            Native.Check();
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>The elements in row-major order (copied to the host); <typeparamref name="T"/> must match <see cref="DType"/>'s width.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        long count = 1;
        foreach (var d in Shape) count *= d;
        var result = new T[count];
        fixed (T* p = result)
            Native.rt_tensor_copy_out(Handle, p, count * sizeof(T));
        Native.Check();
        return result;
    }

    /// <summary>The raw element bytes in row-major order, whatever the dtype.</summary>
    internal unsafe byte[] ToBytes()
    {
        long count = 1;
        foreach (var d in Shape) count *= d;
        var result = new byte[count * ElementSize(DType)];
        fixed (byte* p = result)
            Native.rt_tensor_copy_out(Handle, p, result.LongLength);
        Native.Check();
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double Item()
    {
        var v = Native.rt_tensor_item(Handle);
        Native.Check();
        return v;
    }

    /// <summary>Copies <paramref name="source"/>'s values into this tensor in place, outside autograd.</summary>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Native.rt_tensor_copy_(Handle, source.Handle);
        Native.Check();
    }

    /// <summary>This tensor converted to <paramref name="dtype"/>.</summary>
    public Tensor To(DType dtype) => To(dtype, Device);

    /// <summary>This tensor moved to <paramref name="device"/>.</summary>
    public Tensor To(Device device) => To(DType, device);

    /// <summary>This tensor converted to <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public Tensor To(DType dtype, Device device) =>
        Wrap(Native.rt_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index));

    /// <summary>A copy with its own storage (recorded by autograd).</summary>
    public Tensor Clone() => Wrap(Native.rt_tensor_clone(Handle));

    /// <summary>The same data cut from the autograd graph.</summary>
    public Tensor Detach() => Wrap(Native.rt_tensor_detach(Handle));

    /// <summary>Whether autograd accumulates a gradient into this tensor.</summary>
    public bool RequiresGrad
    {
        get
        {
            var r = Native.rt_requires_grad(Handle);
            Native.Check();
            return r != 0;
        }
        set
        {
            Native.rt_set_requires_grad(Handle, value ? 1 : 0);
            Native.Check();
        }
    }

    /// <summary>Back-propagates from this scalar into the gradients of the leaves that require them.</summary>
    public void Backward()
    {
        Native.rt_backward(Handle);
        Native.Check();
    }

    /// <summary>The accumulated gradient, or null before any backward pass reached this tensor.</summary>
    public Tensor? Grad
    {
        get
        {
            var h = Native.Checked(Native.rt_grad(Handle));
            if (h.IsInvalid)
            {
                h.Dispose();
                return null;
            }
            return new Tensor(h);
        }
    }

    /// <summary>Removes this tensor from its dispose scope and hands it to the enclosing one (or to the caller when there is none).</summary>
    public Tensor MoveToOuterScope()
    {
        Owner?.Release(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: its lifetime is now the caller's (module parameters, caches).</summary>
    internal Tensor Unscope()
    {
        Owner = null;
        return this;
    }

    /// <summary>Releases the native tensor now.</summary>
    public void Dispose() => Handle.Dispose();

    /// <summary>The shape and dtype, e.g. <c>Tensor[2, 3] Float32 cpu</c>.</summary>
    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}] {DType} {Device}";
}
