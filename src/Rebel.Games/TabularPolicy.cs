using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games;

/// <summary>
/// A tabular policy <c>π(·|x)</c>: one probability vector per context of a game, in response order.
/// </summary>
public sealed class TabularPolicy
{
    /// <summary>Tolerance on a distribution summing to 1.</summary>
    public const double SumTolerance = 1e-9;

    private readonly Vector<double>[] _probabilities;

    /// <summary>Creates a policy from per-context probability vectors (validated: finite, non-negative, summing to 1).</summary>
    public TabularPolicy(IReadOnlyList<Vector<double>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        for (int c = 0; c < probabilities.Count; c++)
        {
            var p = probabilities[c];
            double sum = 0;
            for (int i = 0; i < p.Count; i++)
            {
                if (!(p[i] >= 0) || double.IsInfinity(p[i]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"policy context {c}: probability[{i}] = {p[i]} must be finite and non-negative"), nameof(probabilities));
                sum += p[i];
            }
            if (Math.Abs(sum - 1) > SumTolerance)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"policy context {c}: probabilities sum to {sum}, not 1"), nameof(probabilities));
        }
        _probabilities = probabilities.ToArray();
    }

    /// <summary>The uniform policy on every context of <paramref name="game"/>.</summary>
    public static TabularPolicy Uniform(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return new(game.Contexts.Select(c => Vector<double>.Build.Dense(c.Count, 1.0 / c.Count)).ToArray());
    }

    /// <summary>Number of contexts.</summary>
    public int ContextCount => _probabilities.Length;

    /// <summary>The distribution <c>π(·|x)</c> of context <paramref name="context"/>.</summary>
    public Vector<double> this[int context] => _probabilities[context];

    /// <summary>Checks that this policy has one distribution of the right size for every context of <paramref name="game"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void EnsureMatches(TabularGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.Contexts.Count != _probabilities.Length)
            throw new ArgumentException($"policy has {_probabilities.Length} contexts, game '{game.Name}' has {game.Contexts.Count}");
        for (int c = 0; c < _probabilities.Length; c++)
            if (_probabilities[c].Count != game.Contexts[c].Count)
                throw new ArgumentException($"policy context {c} has {_probabilities[c].Count} probabilities, game context '{game.Contexts[c].Name}' has {game.Contexts[c].Count} responses");
    }
}
