using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games;

namespace Rebel.Preference.Oracles;

/// <summary>
/// The oracle of a tabular game (any zoo game or game file): <c>P(a ≻ b | x)</c> is the matrix entry, or the kernel's
/// for a context too large to store (<see cref="GameContext.Kernel"/>).
/// </summary>
public sealed class TabularOracle : PreferenceOracle
{
    private readonly double[]?[] _values;
    private readonly Games.Exact.IWinRateKernel?[] _kernels;
    private readonly int[] _counts;

    /// <summary>Wraps <paramref name="game"/>.</summary>
    public TabularOracle(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        Game = game;
        // The matrices' own column-major storage: a query is one array read instead of MathNet's checked indexer, and
        // it hits the cache lines the exact win-rate pass has just streamed.
        _kernels = game.Contexts.Select(c => c.Kernel).ToArray();
        _values = game.Contexts.Select(c => c.Kernel is not null ? null : c.Preference is DenseMatrix dense ? dense.Values : c.Preference.ToColumnMajorArray()).ToArray();
        _counts = game.Contexts.Select(c => c.Count).ToArray();
    }

    /// <summary>The game answered from.</summary>
    public TabularGame Game { get; }

    /// <inheritdoc/>
    public override int ContextCount => _values.Length;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => _counts[context];

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b) =>
        _values[context] is { } values ? values[b * _counts[context] + a] : _kernels[context]!.Preference(a, b);
}
