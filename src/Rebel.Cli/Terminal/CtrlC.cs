namespace Rebel.Cli.Terminal;

/// <summary>
/// Turns Ctrl+C into a cancellation for as long as it is alive, so a run can checkpoint and the command can say how
/// to continue instead of the process dying mid-write.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    /// <summary>Exit code after Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _cancel = new();
    private readonly ConsoleCancelEventHandler _handler;

    public CtrlC()
    {
        _handler = (_, e) =>
        {
            e.Cancel = true;
            _cancel.Cancel();
        };
        Console.CancelKeyPress += _handler;
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _cancel.Dispose();
    }
}
