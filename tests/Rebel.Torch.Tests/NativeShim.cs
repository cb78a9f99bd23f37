using System.Diagnostics;

namespace Rebel.Torch.Tests;

/// <summary>
/// Makes sure librebel_torch.so exists before a test touches the binding: runs native/build.sh once when
/// neither REBEL_TORCH_LIB nor the build directory provides it, and fails with a clear message otherwise.
/// </summary>
internal static class NativeShim
{
    private static readonly Lazy<string> Built = new(Build);

    public static void Ensure() => _ = Built.Value;

    private static string Build()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REBEL_TORCH_LIB");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "native", "build.sh"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("native/build.sh not found above the test directory; set REBEL_TORCH_LIB to librebel_torch.so");
        var library = Path.Combine(root.FullName, "native", "rebel_torch", "build", "librebel_torch.so");
        if (File.Exists(library)) return library;
        using var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "native", "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(library))
            throw new InvalidOperationException($"native/build.sh failed (exit {build.ExitCode}); run it by hand: {error.Trim()} {output.Result.Trim()}");
        return library;
    }
}
