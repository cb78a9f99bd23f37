namespace Rebel.Runs.Charts;

/// <summary>What a chart's x axis counts.</summary>
public enum ChartXAxis
{
    /// <summary>Self-play iterations.</summary>
    Iterations,

    /// <summary>Cumulative preference-oracle queries (<c>oracle_queries</c> in <c>metrics.jsonl</c>); runs that make none, such as exact mirror descent, are left out.</summary>
    OracleQueries,
}
