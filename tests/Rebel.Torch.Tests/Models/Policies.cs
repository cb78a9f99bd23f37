using Rebel.Torch.Models;

namespace Rebel.Torch.Tests.Models;

/// <summary>The models' tests' policies: GPT-2's initialisation of a config, drawn from a seed, on the CPU.</summary>
internal static class Policies
{
    public static TransformerPolicy Create(TransformerConfig config, ulong seed)
    {
        using var g = new Generator(seed);
        return new TransformerPolicy(config, g, Device.Cpu);
    }
}
