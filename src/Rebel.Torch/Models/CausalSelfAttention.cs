using Rebel.Torch.Nn;

namespace Rebel.Torch.Models;

/// <summary>
/// Multi-head causal self-attention written from matmul, mask and softmax (libtorch 1.13 has no fused
/// scaled-dot-product attention): position t attends to positions ≤ t only.
/// </summary>
public sealed class CausalSelfAttention : Module
{
    private readonly Linear _qkv;
    private readonly Linear _proj;
    private readonly int _heads;
    private readonly long _dModel;
    private readonly Tensor _future;

    /// <summary>Creates the layer; residual projections use GPT-2's scaled init 0.02/√(2·layers).</summary>
    public CausalSelfAttention(TransformerConfig config, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        _heads = config.Heads;
        _dModel = config.DModel;
        _qkv = RegisterModule("qkv", new Linear(_dModel, 3 * _dModel, generator, device, std: 0.02));
        _proj = RegisterModule("proj", new Linear(_dModel, _dModel, generator, device, std: 0.02 / Math.Sqrt(2.0 * config.Layers)));
        using var ones = Tensor.Ones([config.Context, config.Context], DType.Bool, device);
        _future = ones.Triu(1).Unscope();
    }

    /// <summary>
    /// x [B, T, d] → [B, T, d]. With a <paramref name="cache"/> holding P earlier positions, x is positions P…P+T−1:
    /// their keys and values join the cache's (of layer <paramref name="layer"/>) and they attend over all P + T.
    /// </summary>
    public Tensor Forward(Tensor x, KvCache? cache = null, int layer = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = new DisposeScope();
        var shape = x.Shape;
        long b = shape[0], t = shape[1], hd = _dModel / _heads;
        var packed = _qkv.Forward(x);
        Tensor Head(int i) => packed.Narrow(2, i * _dModel, _dModel).Reshape(b, t, _heads, hd).Transpose(1, 2);
        var q = Head(0);
        var k = Head(1);
        var v = Head(2);
        var past = cache?.Length ?? 0;
        if (cache is not null) (k, v) = cache.Append(layer, k, v);
        var scores = q.MatMul(k.Transpose(-2, -1)) * (1.0 / Math.Sqrt(hd));
        // Query P + i may read keys 0…P + i; a single new token reads them all, so it needs no mask.
        var masked = t == 1 ? scores : scores.MaskedFill(_future.Narrow(0, past, t).Narrow(1, 0, past + t), double.NegativeInfinity);
        var mixed = masked.Softmax(-1).MatMul(v).Transpose(1, 2).Reshape(b, t, _dModel);
        return _proj.Forward(mixed).MoveToOuterScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _future.Dispose();
        base.Dispose(disposing);
    }
}
