namespace Rebel.Neural.Evaluation;

/// <summary>
/// The prompt-weighted mean of per-prompt sample means, <c>Σ_x w_x mean_x</c>, with the 95% normal half-width from each
/// prompt's sample variance over its M values (the values of one prompt independent of each other and of other prompts).
/// </summary>
internal struct WeightedMean
{
    private double _value, _variance;

    /// <summary>Adds prompt values <paramref name="values"/> (M ≥ 2) with the prompt's weight <paramref name="weight"/>.</summary>
    public void Add(double weight, ReadOnlySpan<double> values)
    {
        int m = values.Length;
        double mean = 0, square = 0;
        foreach (double p in values)
        {
            mean += p / m;
            square += p * p / m;
        }
        _value += weight * mean;
        _variance += weight * weight * Math.Max(0, square - mean * mean) / (m - 1);
    }

    /// <summary>The weighted mean and its 95% half-width.</summary>
    public readonly GapEstimate Estimate() => new(_value, 1.96 * Math.Sqrt(_variance));
}
