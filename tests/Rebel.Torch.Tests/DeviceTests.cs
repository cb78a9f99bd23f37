namespace Rebel.Torch.Tests;

public class DeviceTests
{
    public DeviceTests() => NativeShim.Ensure();

    [Fact]
    public void ResolvesTheDeviceFlag()
    {
        Assert.Equal(Device.Cpu, Device.Resolve("cpu"));
        Assert.Equal(Torch.CudaAvailable ? Device.Cuda : Device.Cpu, Device.Resolve("auto"));
        Assert.Equal("cuda:1", new Device(DeviceType.Cuda, 1).ToString());
        var e = Assert.Throws<ArgumentException>(() => Device.Resolve("gpu"));
        Assert.Equal("device 'gpu': unknown device (expected auto, cpu, cuda or cuda:N)", e.Message);
        Assert.False(Device.IsSpec("gpu"));
        Assert.False(Device.IsSpec("cuda:x"));
        Assert.True(Device.IsSpec("cuda:1"));
        Assert.True(Device.IsSpec(" Auto"));
    }

    [Fact]
    public void CudaWithoutAGpuIsAnErrorNotAFallback()
    {
        if (Torch.CudaAvailable) return;
        var e = Assert.Throws<TorchException>(() => Device.Resolve("cuda"));
        Assert.StartsWith("device 'cuda': libtorch sees no CUDA device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsTheLibtorchVersion() => Assert.Matches(@"^\d+\.\d+", Torch.Version);
}
