namespace Rebel.Preference.Regression;

/// <summary>
/// One iteration's REBEL regression data, appended context by context: pairs <c>(x, a, b)</c> with target
/// <c>r̂(a) − r̂(b)</c>. Sized once for the largest iteration and cleared, not reallocated, between iterations.
/// </summary>
public sealed class RegressionRows
{
    private readonly int[] _context;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly double[] _target;

    /// <summary>Creates room for <paramref name="capacity"/> rows.</summary>
    public RegressionRows(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _context = new int[capacity];
        _a = new int[capacity];
        _b = new int[capacity];
        _target = new double[capacity];
    }

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Removes all rows.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a row; rows of one context must be appended together.</summary>
    public void Add(int context, int a, int b, double target)
    {
        (_context[Count], _a[Count], _b[Count], _target[Count]) = (context, a, b, target);
        Count++;
    }

    /// <summary>Context of row <paramref name="row"/>.</summary>
    public int Context(int row) => _context[row];

    /// <summary>First response of row <paramref name="row"/>.</summary>
    public int A(int row) => _a[row];

    /// <summary>Second response of row <paramref name="row"/>.</summary>
    public int B(int row) => _b[row];

    /// <summary>Target of row <paramref name="row"/>.</summary>
    public double Target(int row) => _target[row];
}
