using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Games.Sequence;
using Rebel.Neural.Utils;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Nn;
using Rebel.Torch.Optim;

namespace Rebel.Neural;

/// <summary>
/// REBEL for a transformer policy on token sequences judged by a preference oracle (DESIGN §1); SPPO and
/// online DPO are selectable through <see cref="RebelOptions.Loss"/> for comparison. Per iteration: K samples per prompt
/// from π_t, oracle queries within each group, leave-one-out win rates
/// <c>r_i = (1/(K−1)) Σ_{j≠i} P(y_i ≻ y_j)</c>, old log-probabilities computed once at rollout, then several
/// epochs of AdamW on the REBEL squared loss over all pairs of a group,
/// <c>( (1/η)[ln π_θ(y_i)/π_t(y_i) − ln π_θ(y_j)/π_t(y_j)] − (r_i − r_j) )²</c>.
/// </summary>
public sealed class RebelTrainer : IDisposable
{
    private readonly TransformerPolicy policy;
    private readonly int length;
    private readonly SequenceOracle oracle;
    private readonly RebelOptions options;
    private readonly Generator sampler;
    private readonly int seed;
    private readonly AdamW optimizer;
    private int iteration;

    /// <summary>The checkpoint format <see cref="SaveCheckpoint"/> writes.</summary>
    public const string CheckpointFormat = "rebel-neural-checkpoint/1";

    /// <summary>Trains <paramref name="policy"/> in place on an enumerable sequence game (its vocabulary must be the game's), querying the game's preference matrix.</summary>
    public RebelTrainer(TransformerPolicy policy, SequenceGame game, RebelOptions options, int seed)
        : this(policy, game?.Space.Length ?? 0, MatrixOracle(policy, game!), options, seed) { }

    /// <summary>
    /// Trains <paramref name="policy"/> in place on responses of <paramref name="length"/> tokens judged by
    /// <paramref name="oracle"/>; sampling and minibatch order follow <paramref name="seed"/>.
    /// </summary>
    public RebelTrainer(TransformerPolicy policy, int length, SequenceOracle oracle, RebelOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        if (length < 1 || length >= policy.Config.Context)
            throw new ArgumentException($"REBEL: response length {length} must be in [1, context − 1 = {policy.Config.Context - 1}]");
        if (options.SamplesPerPrompt < 2) throw new ArgumentException($"REBEL: samples per prompt {options.SamplesPerPrompt} must be ≥ 2 for leave-one-out win rates");
        if (options.Prompts < 1 || options.MinibatchPrompts < 1 || options.Epochs < 1 || !(options.Eta > 0))
            throw new ArgumentException($"REBEL: prompts, minibatch prompts and epochs must be ≥ 1 and η > 0 ({options})");
        this.policy = policy;
        this.length = length;
        this.oracle = oracle;
        this.options = options;
        sampler = new Generator((ulong)seed, policy.Device.Type == DeviceType.Cuda ? policy.Device : null);
        this.seed = seed;
        optimizer = new AdamW(policy.Parameters(), options.OptimizerOrDefault);
    }

    /// <summary>Runs one iteration: rollout, rewards, then the REBEL regression.</summary>
    public RebelIteration Step()
    {
        int groups = options.Prompts, k = options.SamplesPerPrompt, n = groups * k;
        var device = policy.Device;
        using var scope = new DisposeScope();
        var prompts = SequencePolicy.Prompts(n, device);
        var samples = policy.Sample(prompts, length, 1.0, sampler);
        var rewards = LeaveOneOutWinRates(samples.To(Device.Cpu).ToArray<long>(), k);
        var reward = Tensor.FromArray(rewards, n).To(device);
        Tensor oldLogProbs;
        using (Torch.Torch.NoGrad()) oldLogProbs = policy.SequenceLogProbs(prompts, samples);

        double lossSum = 0, normSum = 0;
        var steps = 0;
        var order = Enumerable.Range(0, groups).ToArray();
        // Seeded per iteration, so a resumed run needs only the iteration number to replay the minibatch order.
        var shuffler = new Random(unchecked(seed * 1_000_003 + iteration));
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            shuffler.Shuffle(order);
            for (var start = 0; start < groups; start += options.MinibatchPrompts)
            {
                using var step = new DisposeScope();
                var batch = order.AsSpan(start, Math.Min(options.MinibatchPrompts, groups - start));
                var rows = new long[batch.Length * k];
                for (var b = 0; b < batch.Length; b++)
                    for (var i = 0; i < k; i++) rows[b * k + i] = batch[b] * k + i;
                var index = Tensor.FromArray(rows, rows.Length).To(device);
                var logProbs = policy.SequenceLogProbs(prompts.Narrow(0, 0, rows.Length), samples.IndexSelect(0, index));
                var logRatio = (logProbs - oldLogProbs.IndexSelect(0, index)).View(batch.Length, k);
                var loss = SelfPlayObjective.Loss(options.Loss, logRatio, reward.IndexSelect(0, index).View(batch.Length, k), options.Eta);
                optimizer.ZeroGrad();
                loss.Backward();
                normSum += optimizer.Step();
                lossSum += loss.Item();
                steps++;
            }
        }
        return new RebelIteration(iteration++, lossSum / steps, normSum / steps, (long)n * length);
    }

    // r_i = mean over the other members j of i's group of P(y_i ≻ y_j).
    private float[] LeaveOneOutWinRates(long[] tokens, int k)
    {
        var n = tokens.Length / length;
        var rewards = new float[n];
        for (var g = 0; g < n; g += k)
        {
            for (var i = g; i < g + k; i++)
            {
                double sum = 0;
                for (var j = g; j < g + k; j++)
                    if (j != i) sum += oracle(tokens.AsSpan(i * length, length), tokens.AsSpan(j * length, length));
                rewards[i] = (float)(sum / (k - 1));
            }
        }
        return rewards;
    }

    private static SequenceOracle MatrixOracle(TransformerPolicy policy, SequenceGame game)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(game);
        if (policy.Config.Vocab != game.Space.Vocab)
            throw new ArgumentException($"policy vocabulary {policy.Config.Vocab} differs from the game's {game.Space.Vocab}");
        var preference = game.Game.Contexts[0].Preference;
        var space = game.Space;
        return (y, yPrime) => preference[space.Index(y), space.Index(yPrime)];
    }

    /// <summary>Iterations completed so far (including those before a resumed checkpoint).</summary>
    public int Iteration => iteration;

    /// <summary>
    /// Writes everything a resumed run needs into <paramref name="directory"/>: the policy's parameters
    /// (<c>policy.params</c>), the AdamW state (<c>optimizer.pt</c>) and the iteration number and sampling
    /// generator state (<c>trainer.json</c>, written last so a half-written checkpoint is never taken for whole).
    /// </summary>
    public void SaveCheckpoint(string directory)
    {
        Directory.CreateDirectory(directory);
        policy.Save(Path.Combine(directory, "policy.params"));
        optimizer.Save(Path.Combine(directory, "optimizer.pt"));
        var state = new JsonObject
        {
            ["format"] = CheckpointFormat,
            ["iteration"] = iteration,
            ["sampler"] = Convert.ToBase64String(sampler.GetState()),
        };
        var path = Path.Combine(directory, "trainer.json");
        File.WriteAllText(path + ".tmp", state.ToJsonString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> for the same policy shape and options; the next <see cref="Step"/> continues the saved run exactly.</summary>
    public void LoadCheckpoint(string directory)
    {
        var path = Path.Combine(directory, "trainer.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no checkpoint here", path);
        JsonNode? state;
        try { state = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message})"); }
        if ((string?)state?["format"] != CheckpointFormat)
            throw new InvalidDataException($"{path}: format is not {CheckpointFormat}");
        var saved = (int?)state["iteration"] ?? throw new InvalidDataException($"{path}: missing 'iteration'");
        var samplerState = (string?)state["sampler"] ?? throw new InvalidDataException($"{path}: missing 'sampler'");
        policy.LoadWeights(Path.Combine(directory, "policy.params"));
        optimizer.Load(Path.Combine(directory, "optimizer.pt"));
        sampler.SetState(Convert.FromBase64String(samplerState));
        iteration = saved;
    }

    /// <summary>Releases the optimizer and generator (not the policy).</summary>
    public void Dispose()
    {
        optimizer.Dispose();
        sampler.Dispose();
    }
}
