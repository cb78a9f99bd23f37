namespace Rebel.Games.Tests.Linear;

/// <summary>
/// Tests that run alone, after the parallel ones: a kernel of another test holding the kernel workers sends a job to
/// Parallel.For, whose caller may run several indices itself.
/// </summary>
[CollectionDefinition(nameof(ForkJoinAlone), DisableParallelization = true)]
public class ForkJoinAlone;
