namespace Rebel.Torch.Tests;

public class AutogradTests
{
    public AutogradTests() => NativeShim.Ensure();

    // f(x) = Σ log_softmax(gelu(LN(x) W) + x·x)[:, 0], a composite of the ops the models use (Float64 so central
    // differences are accurate to ~1e-9).
    private static Tensor F(Tensor x, Tensor w)
    {
        using var scope = new DisposeScope();
        var h = Tensor.LayerNorm(x, [3], null, null, 1e-5).MatMul(w).Gelu() + x * x;
        return h.LogSoftmax(1).Narrow(1, 0, 1).Sum().MoveToOuterScope();
    }

    [Fact]
    public void GradientsMatchCentralFiniteDifferences()
    {
        using var scope = new DisposeScope();
        double[] x0 = [0.3, -1.2, 0.8, 1.5, 0.1, -0.4];
        var w = Tensor.FromArray([0.5, -0.3, 0.2, 0.7, -1.1, 0.4, 0.9, 0.05, -0.6], 3, 3);
        var x = Tensor.FromArray(x0, 2, 3);
        x.RequiresGrad = true;
        F(x, w).Backward();
        var analytic = x.Grad!.ToArray<double>();
        const double h = 1e-6;
        for (var i = 0; i < x0.Length; i++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (F(Tensor.FromArray(plus, 2, 3), w).Item() - F(Tensor.FromArray(minus, 2, 3), w).Item()) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-7, $"d/dx[{i}]: numeric {numeric}, autograd {analytic[i]}");
        }
    }

    [Fact]
    public void GradIsNullBeforeBackwardAndNoGradRecordsNothing()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray([2.0], 1);
        x.RequiresGrad = true;
        Assert.Null(x.Grad);
        using (Torch.NoGrad())
        {
            Assert.False(Torch.GradEnabled);
            Assert.False((x * x).RequiresGrad);
        }
        Assert.True(Torch.GradEnabled);
        var y = x * x * 3.0;
        Assert.True(y.RequiresGrad);
        y.Sum().Backward();
        Assert.Equal([12.0], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void ClipGradNormRescalesToTheBound()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray([1.0], 1);
        var b = Tensor.FromArray([1.0], 1);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        (a * 3.0 + b * 4.0).Sum().Backward();
        var norm = Torch.ClipGradNorm([a, b], 1.0);
        Assert.Equal(5.0, norm, 12);
        Assert.Equal(0.6, a.Grad!.Item(), 6);
        Assert.Equal(0.8, b.Grad!.Item(), 6);
    }
}
