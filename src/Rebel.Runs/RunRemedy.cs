namespace Rebel.Runs;

/// <summary>What a caller can do about a refused run directory; a front end names each its own way (the CLI: <c>--resume</c>, <c>--force</c>).</summary>
[Flags]
public enum RunRemedy
{
    /// <summary>No advice.</summary>
    None = 0,

    /// <summary>Continue the run there: <see cref="SelfPlayRun.Resume"/>.</summary>
    Resume = 1,

    /// <summary>Write there anyway: the <c>force</c> parameter of <see cref="SelfPlayRun.Create"/> and <see cref="Sweep.Run"/>.</summary>
    Force = 2,
}
