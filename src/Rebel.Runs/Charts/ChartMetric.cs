namespace Rebel.Runs.Charts;

/// <summary>The duality gap a chart draws.</summary>
public enum ChartMetric
{
    /// <summary><c>dg_avg</c>, of the average iterate (what no-regret methods guarantee).</summary>
    DualityGapAverage,

    /// <summary><c>dg_last</c>, of the played iterate (what last-iterate methods are judged by).</summary>
    DualityGapLast,
}
