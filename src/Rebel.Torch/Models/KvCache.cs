namespace Rebel.Torch.Models;

/// <summary>
/// The keys and values a <see cref="TransformerPolicy"/> has computed for the positions it has read, per layer, in
/// buffers of a fixed capacity allocated once: a forward pass with a cache reads only the new tokens and writes their
/// keys and values in place, so the cost of a new token does not grow with the prefix (beyond attending over it).
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    internal KvCache(int layers, long batch, int heads, long capacity, long headDim, Device device)
    {
        Batch = batch;
        Capacity = capacity;
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (var i = 0; i < layers; i++)
        {
            _keys[i] = Tensor.Zeros([batch, heads, capacity, headDim], DType.Float32, device).Unscope();
            _values[i] = Tensor.Zeros([batch, heads, capacity, headDim], DType.Float32, device).Unscope();
        }
    }

    /// <summary>Rows of the batch it serves.</summary>
    public long Batch { get; }

    /// <summary>Positions it can hold.</summary>
    public long Capacity { get; }

    /// <summary>Positions read so far (the next token's position).</summary>
    public long Length { get; private set; }

    // Writes a layer's keys and values of `count` new positions [B, H, count, hd] and returns all of them so far.
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var count = keys.Shape[2];
        using (var slot = _keys[layer].Narrow(2, Length, count)) slot.CopyFrom(keys);
        using (var slot = _values[layer].Narrow(2, Length, count)) slot.CopyFrom(values);
        return (_keys[layer].Narrow(2, 0, Length + count), _values[layer].Narrow(2, 0, Length + count));
    }

    internal void Advance(long count) => Length += count;

    /// <summary>Releases the buffers.</summary>
    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
