using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Games.Zoo;
using Rebel.Torch;
using Rebel.Torch.Distributed;
using Rebel.Torch.Models;
using Rebel.Torch.Tests;
using Rebel.Torch.Tests.Distributed;

namespace Rebel.Neural.Tests;

/// <summary>
/// Data-parallel REBEL (<see cref="DataParallel"/>): two Gloo ranks (threads here, each its own process group over
/// one TCP store) with the global batch and seed of one process take the same steps — losses equal to 1e-6, float32
/// parameters to 1e-5 — while each generates responses and queries the oracle for its own share of the prompts only.
/// </summary>
public sealed class DataParallelTests
{
    private static readonly TransformerConfig Config = new(Vocab: 3, Context: 4, DModel: 16, Layers: 1, Heads: 2);

    // 7 prompts in minibatches of 3: shares of 2 and 1 groups, and a last minibatch one rank has no group of.
    private static readonly RebelOptions Options = new(Prompts: 7, SamplesPerPrompt: 3, Epochs: 2, MinibatchPrompts: 3,
        Objective: new Rebel.Preference.Objectives.RebelObjective(1));

    // The same with the shared sampler's draws: exploration coins and uniform responses, a query budget and Bernoulli
    // outcomes come from the iteration's and each group's own streams, so the ranks draw what one process draws.
    private static readonly RebelOptions Sampled = Options with
    {
        Estimator = Rebel.Preference.RebelEstimator.ImportanceWeighted, Explore = 0.3, QueryBudget = 2, Feedback = Rebel.Preference.FeedbackKind.Bernoulli,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_ranks_take_the_steps_of_one_process_with_the_same_global_batch_and_split_generation_and_the_oracle_queries(bool sampled)
    {
        NativeShim.Ensure();
        Torch.Torch.Threads = 1;
        var options = sampled ? Sampled : Options;
        var alone = Train(null, options, out long aloneQueries, out long aloneRows);
        int port = LocalPort.Free();
        var ranks = new (double[] Losses, float[] Parameters)[2];
        var queries = new long[2];
        var generated = new long[2];
        var errors = new Exception?[2];
        var threads = Enumerable.Range(0, 2).Select(rank => new Thread(() =>
        {
            try
            {
                using var group = ProcessGroup.Join(new DistributedEnvironment(rank, 2, rank, "127.0.0.1", port), DistributedBackend.Gloo, TimeSpan.FromSeconds(30));
                ranks[rank] = Train(group, options, out queries[rank], out generated[rank]);
            }
            catch (Exception e)
            {
                errors[rank] = e;
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(120)));
        Assert.All(errors, e => Assert.Null(e));

        // Bit-identical across the ranks (the same reduced gradients, the same AdamW arithmetic).
        Assert.Equal(ranks[0].Parameters, ranks[1].Parameters);
        Assert.Equal(ranks[0].Losses, ranks[1].Losses);
        // Equal to one process's to rounding: the gradient is summed in another order (per rank, then across ranks).
        for (int t = 0; t < alone.Losses.Length; t++)
            Assert.True(Math.Abs(alone.Losses[t] - ranks[0].Losses[t]) <= 1e-6, $"iteration {t}: loss {alone.Losses[t]} alone, {ranks[0].Losses[t]} on 2 ranks");
        // The float32 parameters drift further (3.2e-6 measured after 18 steps): AdamW divides by √v, which magnifies
        // a rounding difference in a near-zero gradient component to a fraction of the learning rate.
        double largest = alone.Parameters.Zip(ranks[0].Parameters, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest <= 1e-5, $"parameters differ by up to {largest}");
        Assert.NotEqual(0, queries[0]);
        Assert.NotEqual(0, queries[1]);
        Assert.Equal(aloneQueries, queries[0] + queries[1]);
        // Each rank generated (and named) the responses of its own groups only: 4 and 3 of the 7, K = 3, 3 iterations.
        Assert.Equal(63, aloneRows);
        Assert.Equal([36L, 27L], generated);
    }

    // Counts the responses the trainer names, one per row it generated.
    private sealed class Counting(ISequenceOracle inner) : ISequenceOracle
    {
        public long Named { get; private set; }

        public int Index(int context, ReadOnlySpan<long> response)
        {
            Named++;
            return inner.Index(context, response);
        }

        public int ContextCount => inner.ContextCount;

        public int ResponseCount(int context) => inner.ResponseCount(context);

        public long Queries { get => inner.Queries; set => inner.Queries = value; }

        public void Probabilities(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> result) => inner.Probabilities(context, a, b, result);

        public void Feedback(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Rebel.Preference.FeedbackKind kind, Rebel.Games.Randomness.SeededRandom random, Span<double> result) =>
            inner.Feedback(context, a, b, kind, random, result);
    }

    private static (double[] Losses, float[] Parameters) Train(ProcessGroup? group, RebelOptions options, out long queries, out long rows)
    {
        var family = new SequenceMajority();
        var game = family.CreateSequenceGame(GameSpec.Parse("seq-majority:vocab=3,length=3,annotators=3,seed=1", family));
        var counting = new Counting(new EnumeratedSequenceOracle(new Rebel.Preference.Oracles.TabularOracle(game.Game), game.Space));
        using var init = new Generator(3);
        using var policy = new TransformerPolicy(Config, init, Device.Cpu);
        using var trainer = new RebelTrainer(policy, PromptSet.Of(game), game.Space.Length, game.Space.Vocab, counting, options, seed: 4, group: group);
        var losses = Enumerable.Range(0, 3).Select(_ => trainer.Step().Loss).ToArray();
        var parameters = policy.Parameters().SelectMany(p => p.To(DType.Float32).ToArray<float>()).ToArray();
        queries = counting.Queries;
        rows = counting.Named;
        return (losses, parameters);
    }
}
