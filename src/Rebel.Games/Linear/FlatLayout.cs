namespace Rebel.Games.Linear;

/// <summary>
/// Per-context vectors of a game stored back to back in one array (structure of arrays), so that a pass over all
/// contexts streams through memory instead of chasing one small array per context.
/// </summary>
internal sealed class FlatLayout
{
    private readonly int[] _offsets;

    public FlatLayout(TabularGame game)
    {
        _offsets = new int[game.Contexts.Count + 1];
        for (int c = 0; c < game.Contexts.Count; c++)
            _offsets[c + 1] = checked(_offsets[c] + game.Contexts[c].Count);
    }

    /// <summary>Number of contexts.</summary>
    public int Contexts => _offsets.Length - 1;

    /// <summary>Total length of a flat array: the sum of the response counts.</summary>
    public int Length => _offsets[^1];

    /// <summary>Where context <paramref name="c"/>'s entries start.</summary>
    public int Offset(int c) => _offsets[c];

    /// <summary>Number of responses of context <paramref name="c"/>.</summary>
    public int Count(int c) => _offsets[c + 1] - _offsets[c];

    /// <summary>Context <paramref name="c"/>'s slice of <paramref name="values"/>.</summary>
    public Span<double> Slice(double[] values, int c) => values.AsSpan(_offsets[c], _offsets[c + 1] - _offsets[c]);

    /// <summary>A jagged copy of <paramref name="values"/>, one array per context.</summary>
    public double[][] ToJagged(double[] values)
    {
        var jagged = new double[Contexts][];
        for (int c = 0; c < jagged.Length; c++)
            jagged[c] = Slice(values, c).ToArray();
        return jagged;
    }

    /// <summary>Copies a jagged array into <paramref name="values"/>; <paramref name="what"/> names it in errors.</summary>
    public void CopyFrom(double[][] jagged, double[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(jagged, what);
        if (jagged.Length != Contexts)
            throw new ArgumentException($"{what} has {jagged.Length} contexts, expected {Contexts}", what);
        for (int c = 0; c < jagged.Length; c++)
        {
            if (jagged[c] is null || jagged[c].Length != Count(c))
                throw new ArgumentException($"{what}[{c}] does not have {Count(c)} entries", what);
            jagged[c].CopyTo(Slice(values, c));
        }
    }
}
