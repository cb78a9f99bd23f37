namespace Rebel.Torch.Tests;

public class DisposeScopeTests
{
    public DisposeScopeTests() => NativeShim.Ensure();

    [Fact]
    public void DisposesWhatItCreatedExceptWhatMovedOut()
    {
        Tensor inner, kept;
        using (var outer = new DisposeScope())
        {
            Tensor temporary;
            using (new DisposeScope())
            {
                temporary = Tensor.Ones([2]);
                inner = temporary * 2.0;
                kept = (inner + 1.0).MoveToOuterScope();
            }
            Assert.True(temporary.Handle.IsClosed);
            Assert.True(inner.Handle.IsClosed);
            Assert.False(kept.Handle.IsClosed);
            Assert.Equal([3f, 3f], kept.ToArray<float>());
        }
        Assert.True(kept.Handle.IsClosed);
    }

    [Fact]
    public void WithoutAScopeTheCallerOwnsTheTensor()
    {
        var t = Tensor.Zeros([1]);
        using (new DisposeScope()) { }
        Assert.False(t.Handle.IsClosed);
        t.Dispose();
        Assert.True(t.Handle.IsClosed);
    }
}
