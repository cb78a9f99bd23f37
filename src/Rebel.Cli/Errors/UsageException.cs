namespace Rebel.Cli.Errors;

/// <summary>A command-line mistake (bad flag value, flag that does not apply); its one-line message names the flag.</summary>
internal sealed class UsageException(string message) : Exception(message);
