using System.Globalization;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Torch;
using Rebel.Torch.Models;

namespace Rebel.Neural.Evaluation;

/// <summary>
/// The minimax winner of the pool game and a policy's win rate against it. The pool (<see cref="ExploitPoolEstimator.Pool"/>)
/// is fixed for a run, so its game — every ordered pair of its candidates asked once per prompt, made skew by
/// <c>(p(a, b) + 1 − p(b, a)) / 2</c> — is solved once by Rebel's solver, and <c>W(π, π*_pool) = Σ_x w_x E_{y∼π(·|x)}
/// Σ_c π*_pool(c | x) P(y ≻ c | x)</c> is a fixed yardstick for the run's iterates: ½ or below for every policy whose
/// responses are in the pool (no policy beats a minimax winner), and rising as π learns to beat what the pool holds.
/// </summary>
public static class PoolWinnerEstimator
{
    /// <summary>Each prompt's minimax winner over its candidates (probabilities in the pool's order).</summary>
    /// <exception cref="ArgumentException">A prompt has no candidate.</exception>
    public static double[][] Solve(IReadOnlyList<IReadOnlyList<long[]>> pool, ISequenceOracle oracle)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(oracle);
        return Enumerable.Range(0, pool.Count).Select(x =>
            MinimaxWinner.Solve(Game(x, "pool", 1, pool[x], Enumerable.Range(0, pool[x].Count).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray(), oracle)).Policy.ToArray()).ToArray();
    }

    /// <summary>
    /// The pool game of prompt <paramref name="x"/>: every ordered pair of its candidates asked once, made skew by
    /// <c>(p(a, b) + 1 − p(b, a)) / 2</c>, as a context named <paramref name="name"/> whose responses are <paramref name="names"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The prompt has no candidate.</exception>
    internal static GameContext Game(int x, string name, double weight, IReadOnlyList<long[]> candidates, IReadOnlyList<string> names, ISequenceOracle oracle)
    {
        int m = candidates.Count;
        if (m == 0) throw new ArgumentException($"pool: prompt {x} has no candidate");
        var index = candidates.Select(c => oracle.Index(x, c)).ToArray();
        // Every ordered pair in one batch: one request for a judge.
        var pairs = (from a in Enumerable.Range(0, m) from b in Enumerable.Range(0, m) where a != b select (a, b)).ToArray();
        var answers = new double[pairs.Length];
        oracle.Probabilities(x, pairs.Select(p => index[p.a]).ToArray(), pairs.Select(p => index[p.b]).ToArray(), answers);
        var asked = new double[m, m];
        for (var k = 0; k < pairs.Length; k++)
            asked[pairs[k].a, pairs[k].b] = answers[k];
        return new GameContext(name, weight, names, AskedPreferences.Skew(asked));
    }

    /// <summary>
    /// The estimated win rate of <paramref name="policy"/> against the pool's minimax winners, from
    /// <paramref name="samples"/> = M responses of π per prompt, each scored exactly against the winner's support; the
    /// 95% normal interval is over the M responses.
    /// </summary>
    /// <exception cref="ArgumentException">M is below 2, or the pool and winners do not have one entry per prompt.</exception>
    public static GapEstimate Estimate(TransformerPolicy policy, IReadOnlyList<IReadOnlyList<long[]>> pool, double[][] winners, PromptSet prompts,
        int length, int responseVocab, ISequenceOracle oracle, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(winners);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(oracle);
        if (samples < 2) throw new ArgumentException($"samples {samples}: must be ≥ 2 (a variance needs two responses)");
        if (pool.Count != prompts.Count || winners.Length != prompts.Count)
            throw new ArgumentException($"pool: {pool.Count} candidate lists and {winners.Length} winners for {prompts.Count} prompts");
        using var generator = new Generator(seed, policy.Device.Type == DeviceType.Cuda ? policy.Device : null);
        var rate = new WeightedMean();
        var p = new double[samples];
        for (var x = 0; x < prompts.Count; x++)
        {
            var ys = PromptDraws.Indices(oracle, x, PromptDraws.Responses(policy, prompts, x, length, responseVocab, samples, generator), length);
            // Each response against the winner's support, in one batch.
            var support = Enumerable.Range(0, pool[x].Count).Where(c => winners[x][c] > 0).ToArray();
            var candidate = support.Select(c => oracle.Index(x, pool[x][c])).ToArray();
            var answers = new double[samples * support.Length];
            oracle.Probabilities(x, ys.SelectMany(y => Enumerable.Repeat(y, support.Length)).ToArray(), Enumerable.Range(0, samples).SelectMany(_ => candidate).ToArray(), answers);
            for (var i = 0; i < samples; i++)
            {
                p[i] = 0;
                for (var s = 0; s < support.Length; s++)
                    p[i] += winners[x][support[s]] * answers[i * support.Length + s];
            }
            rate.Add(prompts.Weights[x], p);
        }
        return rate.Estimate();
    }
}
