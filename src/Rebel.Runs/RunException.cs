using Rebel.Preference;

namespace Rebel.Runs;

/// <summary>A run directory cannot be created, written, or resumed; the one-line message names the directory or file.</summary>
public sealed class RunException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public RunException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public RunException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public RunException() { }

    /// <summary>Creates the exception for an option a run cannot use, at <paramref name="place"/> (e.g. <c>DIR/config.json: rebel: </c>, or empty).</summary>
    public RunException(string place, OptionException option)
        : base(place + option?.Message, option)
    {
        Place = place;
        Option = option;
    }

    /// <summary>Creates the exception for a directory that cannot take the run, with what the caller can do about it.</summary>
    /// <param name="problem">What is wrong, one line naming the directory.</param>
    /// <param name="remedy">What the caller can do (see <see cref="Render"/>).</param>
    public RunException(string problem, RunRemedy remedy)
        : base(Advise(problem, remedy, LibraryName))
    {
        Problem = problem;
        Remedy = remedy;
    }

    /// <summary>The problem without the advice, for <see cref="Render"/>; null unless the exception advises a <see cref="Remedy"/>.</summary>
    public string? Problem { get; }

    /// <summary>What the caller can do about it.</summary>
    public RunRemedy Remedy { get; }

    /// <summary>The message with each remedy named by <paramref name="name"/> (the CLI: its flags).</summary>
    public string Render(Func<RunRemedy, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Problem is null ? Message : Advise(Problem, Remedy, name);
    }

    private static string LibraryName(RunRemedy remedy) => remedy == RunRemedy.Resume ? "SelfPlayRun.Resume" : "force: true";

    private static string Advise(string problem, RunRemedy remedy, Func<RunRemedy, string> name) => remedy switch
    {
        RunRemedy.Resume | RunRemedy.Force => $"{problem} (continue it with {name(RunRemedy.Resume)}, or overwrite it with {name(RunRemedy.Force)})",
        RunRemedy.Force => $"{problem}; choose another directory or pass {name(RunRemedy.Force)}",
        RunRemedy.Resume => $"{problem} (continue it with {name(RunRemedy.Resume)})",
        _ => problem,
    };

    /// <summary>Where the rejected option was found (a prefix of the message, possibly empty); null when the cause is not an option.</summary>
    public string? Place { get; }

    /// <summary>The rejected option, for a front end to name in its own terms (<see cref="OptionException.Render"/>); null when the cause is not an option.</summary>
    public OptionException? Option { get; }
}
