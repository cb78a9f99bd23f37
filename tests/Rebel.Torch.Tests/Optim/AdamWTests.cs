using Rebel.Torch.Optim;

namespace Rebel.Torch.Tests.Optim;

public class AdamWTests
{
    public AdamWTests() => NativeShim.Ensure();

    [Fact]
    public void FirstStepMatchesTheHandComputedUpdate()
    {
        using var scope = new DisposeScope();
        double lr = 0.1, wd = 0.5, eps = 1e-8;
        var p = Tensor.FromArray([1.0, -2.0], 2);
        p.RequiresGrad = true;
        using var opt = new AdamW([p], new AdamWOptions(Lr: lr, WeightDecay: wd, Eps: eps, MaxGradNorm: null));
        (p * Tensor.FromArray([0.5, 3.0], 2)).Sum().Backward();
        opt.Step();
        // Step 1: bias-corrected m̂ = g, v̂ = g², so p ← p(1 − lr·wd) − lr·g/(|g| + eps).
        double Expected(double p0, double g) => p0 * (1 - lr * wd) - lr * g / (Math.Abs(g) + eps);
        Approx.Equal([Expected(1.0, 0.5), Expected(-2.0, 3.0)], p.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void ClippingHappensBeforeTheStep()
    {
        using var scope = new DisposeScope();
        var p = Tensor.FromArray([0.0, 0.0], 2);
        p.RequiresGrad = true;
        using var opt = new AdamW([p], new AdamWOptions(Lr: 1, Beta1: 0, Beta2: 0, Eps: 0, WeightDecay: 0, MaxGradNorm: 1));
        (p * Tensor.FromArray([3.0, 4.0], 2)).Sum().Backward();
        Assert.Equal(5.0, opt.Step(), 12);
        // With β = 0 the step is −lr·g/|g| elementwise; the clipped gradient g·(1/5) stays in place.
        Approx.Equal([-1.0, -1.0], p.ToArray<double>(), 1e-12);
        Approx.Equal([0.6, 0.8], p.Grad!.ToArray<double>(), 1e-6);
    }

    [Fact]
    public void SavedStateResumesExactly()
    {
        using var scope = new DisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"adamw-{Guid.NewGuid():N}.pt");
        double[] Run(bool interrupt)
        {
            var p = Tensor.FromArray([1.0, -1.0, 0.5], 3);
            p.RequiresGrad = true;
            var opt = new AdamW([p], new AdamWOptions(Lr: 0.05));
            var c = Tensor.FromArray([1.0, 2.0, -3.0], 3);
            for (var step = 0; step < 4; step++)
            {
                if (interrupt && step == 2)
                {
                    // A fresh optimizer would restart the moment estimates and bias correction; the loaded one must not.
                    opt.Save(path);
                    opt.Dispose();
                    p = Tensor.FromArray(p.ToArray<double>(), 3);
                    p.RequiresGrad = true;
                    opt = new AdamW([p], new AdamWOptions(Lr: 0.05));
                    opt.Load(path);
                }
                opt.ZeroGrad();
                (p * p * c).Sum().Backward();
                opt.Step();
            }
            opt.Dispose();
            return p.ToArray<double>();
        }
        try
        {
            Assert.Equal(Run(interrupt: false), Run(interrupt: true));
        }
        finally { File.Delete(path); }
    }
}
