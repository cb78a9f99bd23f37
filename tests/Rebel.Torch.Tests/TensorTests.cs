namespace Rebel.Torch.Tests;

public class TensorTests
{
    public TensorTests() => NativeShim.Ensure();

    [Fact]
    public void RoundTripsDataShapeAndDtype()
    {
        using var t = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Assert.Equal([2L, 3L], t.Shape);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(Device.Cpu.Type, t.Device.Type);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray<float>());
        using var ids = Tensor.FromArray([7L, -1L], 2);
        Assert.Equal([7L, -1L], ids.ToArray<long>());
    }

    [Fact]
    public void BFloat16KeepsExactlyRepresentableValues()
    {
        using var t = Tensor.FromArray([1.5f, -0.25f, 3.0f], 3);
        using var half = t.To(DType.BFloat16);
        using var back = half.To(DType.Float32);
        Assert.Equal(DType.BFloat16, half.DType);
        Assert.Equal([1.5f, -0.25f, 3.0f], back.ToArray<float>());
    }

    [Fact]
    public void MatMulMatchesHandProduct()
    {
        using var a = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        using var b = Tensor.FromArray([7f, 8f, 9f, 10f, 11f, 12f], 3, 2);
        using var c = a.MatMul(b);
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        Assert.Equal([58f, 64f, 139f, 154f], c.ToArray<float>());
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxMatchClosedForm()
    {
        using var x = Tensor.FromArray([0.0, Math.Log(3.0)], 1, 2);
        using var p = x.Softmax(1);
        using var lp = x.LogSoftmax(1);
        Approx.Equal([0.25, 0.75], p.ToArray<double>(), 1e-12);
        Approx.Equal([Math.Log(0.25), Math.Log(0.75)], lp.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void GeluIsTheErfForm()
    {
        using var x = Tensor.FromArray([-1.0, 0.0, 1.0, 2.0], 4);
        using var y = x.Gelu();
        // x Φ(x): Φ(1) = 0.841344746…, Φ(2) = 0.977249868…
        Approx.Equal([-0.15865525393145707, 0.0, 0.8413447460685429, 1.9544997361036416], y.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void LayerNormNormalisesThenAppliesGainAndShift()
    {
        using var x = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 1, 4);
        using var w = Tensor.FromArray([1.0, 2.0, 1.0, 1.0], 4);
        using var b = Tensor.FromArray([0.0, 0.0, 0.0, 1.0], 4);
        using var y = Tensor.LayerNorm(x, [4], w, b, eps: 0);
        // mean 2.5, population variance 1.25
        var s = Math.Sqrt(1.25);
        Approx.Equal([-1.5 / s, 2 * -0.5 / s, 0.5 / s, 1.5 / s + 1], y.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void EmbeddingGatherAndIndexSelectPickTheRightEntries()
    {
        using var table = Tensor.FromArray([0f, 1f, 10f, 11f, 20f, 21f], 3, 2);
        using var ids = Tensor.FromArray([2L, 0L], 2);
        using var rows = Tensor.Embedding(table, ids);
        Assert.Equal([20f, 21f, 0f, 1f], rows.ToArray<float>());
        using var selected = table.IndexSelect(1, Tensor.FromArray([1L], 1));
        Assert.Equal([1f, 11f, 21f], selected.ToArray<float>());
        using var index = Tensor.FromArray([1L, 0L, 0L], 3, 1);
        using var gathered = table.Gather(1, index);
        Assert.Equal([1f, 10f, 20f], gathered.ToArray<float>());
    }

    [Fact]
    public void MaskedFillTriuAndWhere()
    {
        using var ones = Tensor.Ones([3, 3], DType.Bool);
        using var upper = ones.Triu(1);
        Assert.Equal([false, true, true, false, false, true, false, false, false], upper.ToArray<bool>());
        using var zeros = Tensor.Zeros([3, 3]);
        using var filled = zeros.MaskedFill(upper, -5);
        Assert.Equal([0f, -5f, -5f, 0f, 0f, -5f, 0f, 0f, 0f], filled.ToArray<float>());
        using var picked = Tensor.Where(upper, filled, ones.To(DType.Float32));
        Assert.Equal([1f, -5f, -5f, 1f, 1f, -5f, 1f, 1f, 1f], picked.ToArray<float>());
    }

    [Fact]
    public void ShapeOpsMoveElementsAsTorchDoes()
    {
        using var x = Tensor.Arange(6, DType.Int64).Reshape(2, 3);
        using var t = x.Transpose(0, 1).Contiguous();
        Assert.Equal([3L, 2L], t.Shape);
        Assert.Equal([0L, 3L, 1L, 4L, 2L, 5L], t.ToArray<long>());
        using var n = x.Narrow(1, 1, 2).Contiguous();
        Assert.Equal([1L, 2L, 4L, 5L], n.ToArray<long>());
        using var c = Tensor.Cat([x, x], 0);
        Assert.Equal([4L, 3L], c.Shape);
        using var s = Tensor.Stack([x, x], 0);
        Assert.Equal([2L, 2L, 3L], s.Shape);
        using var p = x.Unsqueeze(0).Permute(2, 0, 1).Contiguous();
        Assert.Equal([3L, 1L, 2L], p.Shape);
        Assert.Equal([0L, 3L, 1L, 4L, 2L, 5L], p.ToArray<long>());
    }

    [Fact]
    public void ReductionsAndElementwiseArithmetic()
    {
        using var scope = new DisposeScope();
        using var x = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 2, 2);
        Assert.Equal(10.0, x.Sum().Item());
        Assert.Equal(2.5, x.Mean().Item());
        Assert.Equal([4.0, 6.0], x.Sum(0).ToArray<double>());
        Assert.Equal([1.5, 3.5], x.Mean(1).ToArray<double>());
        Approx.Equal([Math.Log(Math.Exp(1) + Math.Exp(2)), Math.Log(Math.Exp(3) + Math.Exp(4))], x.LogSumExp(1).ToArray<double>(), 1e-12);
        Assert.Equal([1L, 1L], x.ArgMax(1).ToArray<long>());
        using var y = (x * x - x) / 2.0 + 1.0;
        Assert.Equal([1.0, 2.0, 4.0, 7.0], y.ToArray<double>());
        Assert.Equal([-1.0, -2.0, -3.0, -4.0], (-x).ToArray<double>());
        Assert.Equal([false, false, true, true], x.Greater(2).ToArray<bool>());
        Assert.Equal([1.0 / 3, 2.0 / 3, 1.0, 4.0 / 3], (x / 3.0).ToArray<double>());
        Approx.Equal([1, Math.Sqrt(2), Math.Sqrt(3), 2], x.Sqrt().ToArray<double>(), 1e-15);
        Approx.Equal([Math.Log(1 / (1 + Math.Exp(-1.0)))], Tensor.FromArray([1.0], 1).LogSigmoid().ToArray<double>(), 1e-15);
    }

    [Fact]
    public void BadShapesRaiseTheLibtorchMessageAndLeaveNoStaleError()
    {
        using var scope = new DisposeScope();
        using var a = Tensor.Zeros([2, 3]);
        using var b = Tensor.Zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("2x3 and 4x5", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        using var ok = a.MatMul(Tensor.Zeros([3, 1]));
        Assert.Equal([2L, 1L], ok.Shape);
        Assert.Throws<TorchException>(() => a.Reshape(7));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f], 3));
        Assert.Throws<TorchException>(() => a.ToArray<long>());
    }
}
