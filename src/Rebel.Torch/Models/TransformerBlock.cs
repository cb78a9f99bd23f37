using Rebel.Torch.Nn;

namespace Rebel.Torch.Models;

/// <summary>A pre-LayerNorm GPT-2 block: <c>x + attn(ln1 x)</c>, then <c>x + mlp(ln2 x)</c> with a GELU MLP of width 4·d.</summary>
public sealed class TransformerBlock : Module
{
    private readonly LayerNorm _ln1;
    private readonly CausalSelfAttention _attn;
    private readonly LayerNorm _ln2;
    private readonly Linear _fc;
    private readonly Linear _proj;
    private readonly bool _tanhGelu;

    /// <summary>Creates the block.</summary>
    public TransformerBlock(TransformerConfig config, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        _tanhGelu = config.Activation == TransformerConfig.GeluNew;
        _ln1 = RegisterModule("ln1", new LayerNorm(config.DModel, device, config.Epsilon));
        _attn = RegisterModule("attn", new CausalSelfAttention(config, generator, device));
        _ln2 = RegisterModule("ln2", new LayerNorm(config.DModel, device, config.Epsilon));
        _fc = RegisterModule("fc", new Linear(config.DModel, 4L * config.DModel, generator, device, std: 0.02));
        _proj = RegisterModule("proj", new Linear(4L * config.DModel, config.DModel, generator, device, std: 0.02 / Math.Sqrt(2.0 * config.Layers)));
    }

    /// <summary>x [B, T, d] → [B, T, d]; with a cache, x continues the positions it holds (see <see cref="CausalSelfAttention.Forward"/>).</summary>
    public Tensor Forward(Tensor x, KvCache? cache = null, int layer = 0)
    {
        using var scope = new DisposeScope();
        var h = x + _attn.Forward(_ln1.Forward(x), cache, layer);
        var hidden = _fc.Forward(_ln2.Forward(h));
        return (h + _proj.Forward(_tanhGelu ? TanhGelu(hidden) : hidden.Gelu())).MoveToOuterScope();
    }

    // GPT-2's approximation, in the operation order of Hugging Face's NewGELUActivation.
    private static Tensor TanhGelu(Tensor x) => 0.5 * x * (((x + 0.044715 * x.Pow(3.0)) * Math.Sqrt(2.0 / Math.PI)).Tanh() + 1.0);
}
