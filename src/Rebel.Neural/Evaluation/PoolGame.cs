using Rebel.Games;
using Rebel.Neural.SelfPlay;

namespace Rebel.Neural.Evaluation;

/// <summary>
/// The pool game of a preference model over generated text (<c>rebel solve --model DIR --pool-samples M</c>): per prompt,
/// the data's responses and M responses of the model in DIR — the pool a run with the same seed plays its iterates
/// against (<see cref="ExploitPoolEstimator.Pool"/>), each distinct text once — with every ordered pair asked of the
/// preference model or judge, made skew as in <see cref="PoolWinnerEstimator"/>. Its minimax winner is the yardstick of
/// the run's <c>win_rate_pool_mw_est</c>, here as a game every exact tool reads.
/// </summary>
public static class PoolGame
{
    /// <summary>The pool game of <paramref name="game"/> (a text model or a judge of generated responses) as <paramref name="options"/> and <paramref name="seed"/> draw it.</summary>
    /// <exception cref="ArgumentException">Not a game of generated responses, a bad model directory or tokenizer (one line), or no pool samples.</exception>
    public static TabularGame Of(TabularGame game, NeuralSelfPlayOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        // Only what a pool reads: a run's pool also needs opponents to play it against, a solved one does not.
        if (options.PoolSamples < 1)
            throw global::Rebel.Preference.OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.PoolSamples), options.PoolSamples, "the pool needs ≥ 1 response of the model per prompt");
        global::Rebel.Preference.OptionChecks<NeuralSelfPlayOptions>.AtLeast(nameof(NeuralSelfPlayOptions.MaxTokens), options.MaxTokens, 1);
        global::Rebel.Preference.OptionChecks<NeuralSelfPlayOptions>.AtLeast(nameof(NeuralSelfPlayOptions.Threads), options.Threads, 1);
        var run = GeneratedText.Open(game, options, DeviceOption.Resolve<NeuralSelfPlayOptions>(options.Device));
        try
        {
            Torch.Torch.Threads = options.Threads;
            IReadOnlyList<long[]>[] pool;
            using (var reference = run.Initial())
                pool = ExploitPoolEstimator.Pool(reference, run.Prompts, options.MaxTokens, 0, options.PoolSamples, ExploitPoolEstimator.PoolSeed(seed), run.Data);
            var contexts = new GameContext[pool.Length];
            for (var x = 0; x < pool.Length; x++)
            {
                // Sequences that differ only after the end token are one text: the oracle judges them alike.
                var texts = new Dictionary<string, long[]>(StringComparer.Ordinal);
                foreach (var candidate in pool[x])
                    texts.TryAdd(run.Text(candidate), candidate);
                contexts[x] = PoolWinnerEstimator.Game(x, game.Contexts[x].Name, game.Contexts[x].Weight, texts.Values.ToArray(),
                    texts.Keys.Select(t => t.Length == 0 ? "(empty)" : t).ToArray(), run.Oracle);
            }
            return new TabularGame($"{game.Name}-pool", contexts);
        }
        finally
        {
            run.Owned.Dispose();
        }
    }
}
