namespace Rebel.Preference.Regression;

/// <summary>
/// Adam's first and second moment estimates with bias correction (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), shared by the
/// AdamW regression of REBEL and the GPM fit; each caller applies the direction its own way (descent with decoupled
/// decay, or ascent). The moments and the step count are public so a checkpoint can hold them.
/// </summary>
internal sealed class AdamMoments(int size)
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private double _correction1;
    private double _correction2;

    public double[] First { get; } = new double[size];

    public double[] Second { get; } = new double[size];

    public long Steps { get; private set; }

    /// <summary>Starts step t + 1: the bias corrections <c>1 − β^t</c> for every <see cref="Direction"/> of this step.</summary>
    public void BeginStep()
    {
        Steps++;
        _correction1 = 1 - Math.Pow(Beta1, Steps);
        _correction2 = 1 - Math.Pow(Beta2, Steps);
    }

    /// <summary>Updates the moments of parameter <paramref name="i"/> with gradient <paramref name="g"/> and returns <c>m̂ / (sqrt(v̂) + ε)</c>.</summary>
    public double Direction(int i, double g)
    {
        First[i] = Beta1 * First[i] + (1 - Beta1) * g;
        Second[i] = Beta2 * Second[i] + (1 - Beta2) * g * g;
        return First[i] / _correction1 / (Math.Sqrt(Second[i] / _correction2) + Epsilon);
    }

    /// <summary>Restores a checkpointed step count (the moments are restored through <see cref="First"/> and <see cref="Second"/>).</summary>
    public void Restore(long steps) => Steps = steps;
}
