namespace Rebel.Torch;

/// <summary>
/// An error reported by libtorch (bad shapes, dtypes, devices) or by loading the native shim.
/// The message is one line: libtorch's own text without its C++ backtrace.
/// </summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public TorchException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public TorchException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public TorchException() { }

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
