using Rebel.Torch.Interop;


namespace Rebel.Torch.Tests;

public class NativeLoaderTests
{
    [Fact]
    public void AMissingLibraryNamesTheVariableAndTheBuildScript()
    {
        var e = Assert.Throws<TorchException>(() => NativeLoader.Locate("/nonexistent/librebel_torch.so"));
        Assert.Equal("REBEL_TORCH_LIB=/nonexistent/librebel_torch.so: no such file; build the shim with native/build.sh", e.Message);
    }
}
