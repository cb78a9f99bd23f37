namespace Rebel.Bench;

/// <summary>A benchmark figure: adding one to the harness is one class listed in <see cref="Program"/>.</summary>
public interface IFigure
{
    /// <summary>Measures, runs the peer on the same instance where one exists, and returns the table rows.</summary>
    IEnumerable<FigureRow> Measure(BenchContext context);
}
