using Rebel.Games;

namespace Rebel.Preference.Policies;

/// <summary>Softmax with one logit per context and response; θ = 0 is the uniform policy.</summary>
public sealed class TabularSoftmaxPolicy : IPolicyModel, IPolicyClass
{
    /// <inheritdoc/>
    public static PolicyDescriptor Policy { get; } = new(PolicyKind.Tabular, "softmax per context, one logit per response", g => new TabularSoftmaxPolicy(g));

    private readonly int[] _offsets;

    /// <summary>Creates the uniform policy on <paramref name="game"/>.</summary>
    public TabularSoftmaxPolicy(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        _offsets = new int[game.Contexts.Count + 1];
        for (int c = 0; c < game.Contexts.Count; c++)
            _offsets[c + 1] = _offsets[c] + game.Contexts[c].Count;
        Parameters = new double[_offsets[^1]];
    }

    /// <inheritdoc/>
    public double[] Parameters { get; }

    /// <inheritdoc/>
    public int MaxDifferenceFeatures => 2;

    /// <summary>Index of context <paramref name="context"/>'s first logit in <see cref="Parameters"/>.</summary>
    public int Offset(int context) => _offsets[context];

    /// <inheritdoc/>
    public void Logits(int context, Span<double> logits) =>
        Parameters.AsSpan(_offsets[context], _offsets[context + 1] - _offsets[context]).CopyTo(logits);

    /// <inheritdoc/>
    public int DifferenceFeatures(int context, int a, int b, Span<int> index, Span<double> value)
    {
        if (a == b)
            return 0;
        (index[0], value[0]) = (_offsets[context] + a, 1);
        (index[1], value[1]) = (_offsets[context] + b, -1);
        return 2;
    }
}
