using Rebel.Torch.Interop;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

namespace Rebel.Torch.Tests;

[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public class LeakTestsCollection;

// Runs alone: the live-handle count is process-wide.
[Collection(nameof(LeakTests))]
public class LeakTests
{
    public LeakTests() => NativeShim.Ensure();

    [Fact]
    public void ATrainingLoopInADisposeScopeLeavesNoLiveTensors()
    {
        using var g = new Generator(1);
        using var model = new TransformerPolicy(new TransformerConfig(Vocab: 5, Context: 8, DModel: 8, Layers: 1, Heads: 2), g, Device.Cpu);
        using var opt = new AdamW(model.Parameters(), new AdamWOptions());
        using var tokens = Tensor.FromArray([1L, 2L, 3L, 4L, 0L, 1L], 2, 3);
        void Step()
        {
            using var scope = new DisposeScope();
            opt.ZeroGrad();
            model.SequenceLogProbs(tokens.Narrow(1, 0, 1), tokens.Narrow(1, 1, 2)).Mean().Backward();
            opt.Step();
            _ = model.Parameters()[0].Grad;
        }
        Step();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = TensorHandle.Live;
        for (var i = 0; i < 20; i++) Step();
        Assert.Equal(before, TensorHandle.Live);
    }
}
