using Rebel.Torch.Interop;

namespace Rebel.Torch.Tests;

public class HeapReuseTests
{
    [Fact]
    public void Glibc_takes_the_setting_unless_the_variable_asks_for_its_defaults()
    {
        // Debian's glibc (here and in CI) has mallopt and accepts both parameters.
        Assert.True(HeapReuse.Apply());
        string? before = Environment.GetEnvironmentVariable(HeapReuse.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(HeapReuse.EnvironmentVariable, "system");
            Assert.False(HeapReuse.Apply());
        }
        finally
        {
            Environment.SetEnvironmentVariable(HeapReuse.EnvironmentVariable, before);
        }
    }
}
