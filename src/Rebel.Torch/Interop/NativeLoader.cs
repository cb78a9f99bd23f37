using System.Reflection;
using System.Runtime.InteropServices;

namespace Rebel.Torch.Interop;

/// <summary>
/// Finds librebel_torch.so: the REBEL_TORCH_LIB variable, then next to the application or this assembly,
/// then native/rebel_torch/build/ in any directory above them (a source checkout).
/// </summary>
internal static class NativeLoader
{
    internal const string EnvironmentVariable = "REBEL_TORCH_LIB";
    private const string FileName = "librebel_torch.so";
    private const string BuildDir = "native/rebel_torch/build";

    internal static void Register(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == Native.Lib ? Load() : 0);

    private static nint Load()
    {
        var path = Locate(Environment.GetEnvironmentVariable(EnvironmentVariable));
        // Before libtorch allocates its first tensor.
        HeapReuse.Apply();
        try { return NativeLibrary.Load(path); }
        catch (DllNotFoundException e)
        {
            throw new TorchException($"{path}: cannot be loaded ({TorchException.OneLine(e.Message)}); rebuild it with native/build.sh");
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000",
        Justification = "In a single-file publish (scripts/gpu/publish.sh) Location is empty and only AppContext.BaseDirectory is searched.")]
    internal static string Locate(string? fromEnvironment)
    {
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new TorchException($"{EnvironmentVariable}={fromEnvironment}: no such file; build the shim with native/build.sh");
        }
        var roots = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(NativeLoader).Assembly.Location) ?? "" }
            .Where(r => r.Length > 0).Distinct().ToArray();
        foreach (var root in roots)
        {
            var beside = Path.Combine(root, FileName);
            if (File.Exists(beside)) return beside;
        }
        foreach (var root in roots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var built = Path.Combine(dir.FullName, BuildDir, FileName);
                if (File.Exists(built)) return built;
            }
        }
        throw new TorchException(
            $"{FileName} not found (looked in ${EnvironmentVariable}, {string.Join(", ", roots)} and {BuildDir} above them); " +
            $"build it with native/build.sh or set {EnvironmentVariable} to its path");
    }
}
