using Rebel.Games;

namespace Rebel.Preference.Policies;

/// <summary>
/// Log-linear policy over response features: <c>π_θ(y|x) ∝ exp(φ(x, y)·θ)</c>, one θ ∈ ℝᵈ shared by all contexts.
/// One-hot features recover the tabular softmax; θ = 0 is the uniform policy.
/// </summary>
public sealed class LogLinearPolicy : IPolicyModel, IPolicyClass
{
    /// <inheritdoc/>
    public static PolicyDescriptor Policy { get; } = new(PolicyKind.LogLinear, "log-linear over the game's response features", g => new LogLinearPolicy(g)) { Order = 10 };

    private readonly double[][] _features;
    private readonly int[] _counts;

    /// <summary>Creates the uniform policy over <paramref name="game"/>'s response features.</summary>
    /// <exception cref="GameValidationException">A context has no features, or contexts differ in dimension.</exception>
    public LogLinearPolicy(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        int d = -1;
        _features = new double[game.Contexts.Count][];
        _counts = new int[game.Contexts.Count];
        for (int c = 0; c < game.Contexts.Count; c++)
        {
            var context = game.Contexts[c];
            var f = context.Features
                ?? throw new GameValidationException($"context '{context.Name}': the log-linear policy needs response features, the game has none");
            if (d >= 0 && f.ColumnCount != d)
                throw new GameValidationException($"context '{context.Name}': features have {f.ColumnCount} columns, earlier contexts have {d}");
            d = f.ColumnCount;
            _features[c] = f.ToRowMajorArray();
            _counts[c] = context.Count;
        }
        Dimension = d;
        Parameters = new double[d];
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double[] Parameters { get; }

    /// <inheritdoc/>
    public int MaxDifferenceFeatures => Dimension;

    /// <inheritdoc/>
    public void Logits(int context, Span<double> logits)
    {
        var f = _features[context];
        for (int y = 0; y < _counts[context]; y++)
        {
            double s = 0;
            for (int k = 0; k < Dimension; k++)
                s += f[y * Dimension + k] * Parameters[k];
            logits[y] = s;
        }
    }

    /// <inheritdoc/>
    public int DifferenceFeatures(int context, int a, int b, Span<int> index, Span<double> value)
    {
        var f = _features[context];
        for (int k = 0; k < Dimension; k++)
        {
            index[k] = k;
            value[k] = f[a * Dimension + k] - f[b * Dimension + k];
        }
        return Dimension;
    }
}
