using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games.Exact;

namespace Rebel.Games.Sequence;

/// <summary>
/// The majority-vote preference of <see cref="SequenceMajority"/> computed from the annotators' utilities instead of
/// stored: <c>P(y_i ≻ y_j)</c> is 1 when <c>Σ_a sign(u_a(y_i) − u_a(y_j)) &gt; 0</c>, 0 when it is &lt; 0 and 1/2 on
/// a tie, exactly the dense game's entries. Blocks are filled four columns at a time with 256-bit vectors.
/// </summary>
public sealed class MajorityPreferenceKernel : IPreferenceKernel
{
    private readonly double[] _utilities;
    private readonly int _annotators;

    /// <summary>Judges the rows of <paramref name="utilities"/> [n × A], <c>u_a</c> of response i at (i, a); the values are copied.</summary>
    public MajorityPreferenceKernel(DenseMatrix utilities)
    {
        ArgumentNullException.ThrowIfNull(utilities);
        // Column-major: annotator a's utilities of all responses are contiguous at a·n, so a block's columns load as vectors.
        _utilities = (double[])utilities.Values.Clone();
        Count = utilities.RowCount;
        _annotators = utilities.ColumnCount;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>The number A of annotators.</summary>
    public int Annotators => _annotators;

    /// <inheritdoc/>
    public void Fill(int rowStart, int rows, int columnStart, int columns, Span<double> block)
    {
        BlockedWinRate.CheckBlock(this, rowStart, rows, columnStart, columns, block);
        int n = Count;
        ref double u0 = ref MemoryMarshal.GetArrayDataReference(_utilities);
        Vector256<double> one = Vector256.Create(1.0), half = Vector256.Create(0.5), zero = Vector256<double>.Zero;
        for (var r = 0; r < rows; r++)
        {
            int i = rowStart + r;
            ref double out0 = ref MemoryMarshal.GetReference(block.Slice(r * columns, columns));
            int c = 0;
            for (; c + 4 <= columns; c += 4)
            {
                var margin = zero;
                for (var a = 0; a < _annotators; a++)
                {
                    ref double column = ref Unsafe.Add(ref u0, a * n);
                    var ui = Vector256.Create(Unsafe.Add(ref column, i));
                    var uj = Vector256.LoadUnsafe(ref column, (nuint)(columnStart + c));
                    margin += (Vector256.GreaterThan(ui, uj) & one) - (Vector256.LessThan(ui, uj) & one);
                }
                Vector256.ConditionalSelect(Vector256.GreaterThan(margin, zero), one,
                    Vector256.ConditionalSelect(Vector256.LessThan(margin, zero), zero, half)).StoreUnsafe(ref out0, (nuint)c);
            }
            for (; c < columns; c++)
                Unsafe.Add(ref out0, c) = Entry(i, columnStart + c);
        }
    }

    /// <summary><c>P(y_i ≻ y_j)</c>, one entry.</summary>
    public double Entry(int i, int j)
    {
        if ((uint)i >= (uint)Count || (uint)j >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(i), $"entry ({i}, {j}) is not within {Count} × {Count}");
        var margin = 0;
        for (var a = 0; a < _annotators; a++)
            margin += Math.Sign(_utilities[a * Count + i] - _utilities[a * Count + j]);
        return margin > 0 ? 1 : margin < 0 ? 0 : 0.5;
    }
}
