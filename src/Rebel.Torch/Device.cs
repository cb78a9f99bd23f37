using Rebel.Torch.Models;


namespace Rebel.Torch;

/// <summary>A device a tensor lives on. <see cref="Index"/> -1 means the current device of that kind.</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The device ordinal, or -1 for the current one.</param>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The host CPU.</summary>
    public static Device Cpu => new(DeviceType.Cpu);

    /// <summary>The current CUDA device.</summary>
    public static Device Cuda => new(DeviceType.Cuda);

    /// <summary>Whether <paramref name="spec"/> is written as a device: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (whether that device exists is <see cref="Resolve"/>'s question).</summary>
    public static bool IsSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim().ToLowerInvariant();
        return s is "auto" or "cpu" or "cuda" || s.StartsWith("cuda:", StringComparison.Ordinal) && CudaOrdinal(s) is not null;
    }

    /// <summary>
    /// Resolves a device name: <c>auto</c> (CUDA when libtorch sees a GPU, else CPU), <c>cpu</c>,
    /// <c>cuda</c> or <c>cuda:N</c>. Asking for CUDA where there is none is an error, not a silent fallback.
    /// </summary>
    public static Device Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim().ToLowerInvariant();
        if (s == "auto") return Torch.CudaAvailable ? Cuda : Cpu;
        if (s == "cpu") return Cpu;
        if (s == "cuda" || s.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = s.Length == 4 ? -1 : CudaOrdinal(s)
                ?? throw new ArgumentException($"device '{spec}': bad CUDA ordinal (expected cuda or cuda:N)");
            if (!Torch.CudaAvailable)
                throw new TorchException($"device '{spec}': libtorch sees no CUDA device (a CPU-only build or no GPU); use the device cpu or build the shim against a CUDA libtorch (native/README.md)");
            if (index >= Torch.CudaDeviceCount)
                throw new TorchException($"device '{spec}': only {Torch.CudaDeviceCount} CUDA device(s)");
            return new Device(DeviceType.Cuda, index);
        }
        throw new ArgumentException($"device '{spec}': unknown device (expected auto, cpu, cuda or cuda:N)");
    }

    /// <summary>N of <c>cuda:N</c>, or null when it is not a non-negative integer.</summary>
    private static int? CudaOrdinal(string lower) =>
        int.TryParse(lower.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? index : null;

    /// <summary>The device as libtorch writes it: <c>cpu</c>, <c>cuda</c>, <c>cuda:0</c>.</summary>
    public override string ToString()
    {
        var name = Type == DeviceType.Cpu ? "cpu" : "cuda";
        return Index < 0 ? name : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}:{Index}");
    }
}
