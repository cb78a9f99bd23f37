using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Rebel.Games.Zoo;

/// <summary>
/// Colonel Blotto: a response allocates <c>soldiers</c> to <c>fields</c> (every composition, named like <c>3-1-1</c>);
/// a field goes to the side with more soldiers on it, and the side that wins more fields wins. <c>P(a ≻ b)</c> is 1
/// for a win, 0 for a loss and 1/2 when both win as many fields. The features of a response are its allocation
/// divided by the number of soldiers.
/// </summary>
public sealed class ColonelBlotto : IGameFamily
{
    /// <summary>The largest number of allocations a spec may ask for.</summary>
    public const int MaxResponses = 4096;

    /// <inheritdoc/>
    public string Name => "blotto";

    /// <inheritdoc/>
    public string Description => "Colonel Blotto: allocate soldiers to fields, win more fields; a tie counts 1/2";

    /// <inheritdoc/>
    public IReadOnlyList<GameParameter> Parameters { get; } =
    [
        new("soldiers", "5", "soldiers per side, in [1, 100]"),
        new("fields", "3", "number of fields, in [1, 10]; at most 4096 allocations in all"),
    ];

    /// <inheritdoc/>
    public TabularGame Create(GameSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int soldiers = spec.GetInt("soldiers", 1, 100);
        int fields = spec.GetInt("fields", 1, 10);
        double count = Compositions(soldiers, fields);
        if (count > MaxResponses)
            throw spec.Bad("fields", spec.GetString("fields"), string.Create(CultureInfo.InvariantCulture,
                $"small enough for at most {MaxResponses} allocations ({soldiers} soldiers on {fields} fields give {count})"));
        var allocations = new List<int[]>();
        Enumerate(new int[fields], 0, soldiers, allocations);
        int n = allocations.Count;
        var p = Preferences.FromUpper(n, (a, b) => Outcome(allocations[a], allocations[b]));
        var features = DenseMatrix.Create(n, fields, (i, f) => allocations[i][f] / (double)soldiers);
        var names = allocations.Select(a => string.Join("-", a.Select(x => x.ToString(CultureInfo.InvariantCulture)))).ToArray();
        return Preferences.Single(spec, names, p, features);
    }

    /// <summary>C(soldiers + fields − 1, fields − 1), in floating point so large requests cannot overflow.</summary>
    private static double Compositions(int soldiers, int fields)
    {
        double c = 1;
        for (int i = 1; i < fields; i++)
            c = c * (soldiers + i) / i;
        return Math.Round(c);
    }

    /// <summary>Every allocation, the first field's count descending, then the next field's, and so on.</summary>
    private static void Enumerate(int[] current, int field, int left, List<int[]> into)
    {
        if (field == current.Length - 1)
        {
            current[field] = left;
            into.Add((int[])current.Clone());
            return;
        }
        for (int x = left; x >= 0; x--)
        {
            current[field] = x;
            Enumerate(current, field + 1, left - x, into);
        }
    }

    private static double Outcome(int[] a, int[] b)
    {
        int balance = 0;
        for (int f = 0; f < a.Length; f++)
            balance += Math.Sign(a[f] - b[f]);
        return balance > 0 ? 1 : balance < 0 ? 0 : 0.5;
    }
}
