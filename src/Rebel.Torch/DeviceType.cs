namespace Rebel.Torch;

/// <summary>Kinds of device; the values are libtorch's <c>c10::DeviceType</c> codes.</summary>
public enum DeviceType
{
    /// <summary>The host CPU.</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU.</summary>
    Cuda = 1,
}
