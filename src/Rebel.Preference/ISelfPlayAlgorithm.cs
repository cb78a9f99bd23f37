using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference;

/// <summary>
/// A self-play algorithm on a tabular game: each <see cref="Step"/> is one iteration (sample, query, build targets,
/// fit, update). The duality gaps it reports are exact, computed on the tabular game, so learning from samples is
/// judged by the true gap.
/// </summary>
public interface ISelfPlayAlgorithm
{
    /// <summary>The name used by <c>--algo</c>.</summary>
    string Name { get; }

    /// <summary>The game the exact metrics are computed on.</summary>
    TabularGame Game { get; }

    /// <summary>Iterations completed.</summary>
    int Iteration { get; }

    /// <summary>The current iterate <c>π_t</c> as a tabular policy.</summary>
    TabularPolicy Current { get; }

    /// <summary>The average iterate <c>π̄_t</c>.</summary>
    TabularPolicy Average { get; }

    /// <summary>Runs one iteration and returns its metrics.</summary>
    /// <param name="evaluate">
    /// Whether the iteration's gaps are wanted. When false, a learner that does not itself need <c>P π</c> skips the
    /// evaluation's passes over the matrix (and its queries) and reports NaN gaps; one that needs it evaluates anyway.
    /// The learning is the same either way.
    /// </param>
    IterationMetrics Step(bool evaluate = true);

    /// <summary>Writes everything a resumed run needs to continue bit for bit (policy, RNG, optimiser, regret sums) as one JSON value.</summary>
    void SaveState(Utf8JsonWriter writer);

    /// <summary>Restores the state written by <see cref="SaveState"/>.</summary>
    /// <exception cref="FormatException">The state does not belong to this algorithm or game.</exception>
    void LoadState(JsonElement state);
}
