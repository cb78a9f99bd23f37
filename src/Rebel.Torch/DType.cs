namespace Rebel.Torch;

/// <summary>Element types; the values are libtorch's <c>c10::ScalarType</c> codes, passed through the shim unchanged.</summary>
public enum DType
{
    /// <summary>Unsigned bytes (generator states).</summary>
    UInt8 = 0,

    /// <summary>64-bit integers (token ids, indices).</summary>
    Int64 = 4,

    /// <summary>32-bit floats.</summary>
    Float32 = 6,

    /// <summary>64-bit floats (exact checks such as finite-difference gradients).</summary>
    Float64 = 7,

    /// <summary>Booleans (masks).</summary>
    Bool = 11,

    /// <summary>bfloat16 (mixed precision on GPUs).</summary>
    BFloat16 = 15,
}
