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

    /// <summary>Creates the block.</summary>
    public TransformerBlock(TransformerConfig config, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        _ln1 = RegisterModule("ln1", new LayerNorm(config.DModel, device));
        _attn = RegisterModule("attn", new CausalSelfAttention(config, generator, device));
        _ln2 = RegisterModule("ln2", new LayerNorm(config.DModel, device));
        _fc = RegisterModule("fc", new Linear(config.DModel, 4L * config.DModel, generator, device, std: 0.02));
        _proj = RegisterModule("proj", new Linear(4L * config.DModel, config.DModel, generator, device, std: 0.02 / Math.Sqrt(2.0 * config.Layers)));
    }

    /// <summary>x [B, T, d] → [B, T, d].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = new DisposeScope();
        var h = x + _attn.Forward(_ln1.Forward(x));
        return (h + _proj.Forward(_fc.Forward(_ln2.Forward(h)).Gelu())).MoveToOuterScope();
    }
}
