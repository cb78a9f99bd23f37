using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Games.Randomness;
using Rebel.Games.Sequence;
using Rebel.Preference;
using Rebel.Preference.Objectives;
using Rebel.Preference.SelfPlay;
using Rebel.Torch;
using Rebel.Torch.Distributed;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

namespace Rebel.Neural;

/// <summary>
/// Self-play for a transformer policy on token sequences judged by a preference oracle (DESIGN §1), fitting the
/// objective of <see cref="RebelOptions.Objective"/> — REBEL's by default, or SPPO's, online DPO's, online IPO's: the
/// same <see cref="SelfPlayObjective"/> the tabular algorithms fit, through <see cref="ObjectiveLoss"/>. Per iteration:
/// prompts drawn by their weight, K samples per prompt from π_t(·|x) (or, importance-weighted, from the exploration
/// mixture μ), the group's oracle queries, win rates and their differences estimated by the tabular learners' own
/// <see cref="SelfPlaySampler"/> (<see cref="SelfPlaySampler.SampleGroup"/>: exact or Bernoulli feedback, a query budget,
/// leave-one-out or importance-weighted estimates), the anchor's log-probabilities computed once at
/// rollout (π_t's, π_ref's, or their geometric mixture, as the objective's <c>ReferenceWeight</c> says), then several epochs of AdamW on the
/// objective of <c>ρ = ln π_θ(y|x) − ln π_anchor(y|x)</c> over each group; for REBEL
/// <c>( (1/η)[ρ_i − ρ_j] − (r_i − r_j) )²</c> over all pairs.
/// </summary>
public sealed class RebelTrainer : IDisposable
{
    private readonly TransformerPolicy _policy;
    private readonly PromptSet _prompts;
    private readonly int _length;
    private readonly int _responseVocab;
    private readonly ISequenceOracle _oracle;
    private readonly RebelOptions _options;
    private readonly int _seed;
    private readonly AdamW _optimizer;
    private readonly SelfPlayObjective _objective;
    private readonly TransformerPolicy? _reference;
    private readonly DataParallel? _parallel;
    private readonly TransformerPolicy? _explorer;
    private readonly SelfPlaySampler _groupSampler;
    private readonly SelfPlayBatch _groupBatch;
    private int _iteration;

    /// <summary>The checkpoint format <see cref="SaveCheckpoint"/> writes.</summary>
    public const string CheckpointFormat = "rebel-neural-checkpoint/1";

    /// <summary>
    /// Trains <paramref name="policy"/> in place on an enumerable sequence game, one prompt per context
    /// (<see cref="PromptSet.Of"/>), querying the game through its oracle (<c>TabularOracle</c>, which also answers
    /// for contexts too large to store); responses are over the game's vocabulary, which is the policy's or its first ids.
    /// </summary>
    public RebelTrainer(TransformerPolicy policy, SequenceGame game, RebelOptions options, int seed, TransformerPolicy? reference = null)
        : this(policy, PromptSet.Of(game ?? throw new ArgumentNullException(nameof(game))), game.Space.Length, game.Space.Vocab,
            new EnumeratedSequenceOracle(new global::Rebel.Preference.Oracles.TabularOracle(game.Game), game.Space), options, seed, reference) { }

    /// <summary>
    /// Trains <paramref name="policy"/> in place on responses of <paramref name="length"/> tokens over the first
    /// <paramref name="responseVocab"/> ids (0: all) to the prompts of <paramref name="prompts"/>, judged by
    /// <paramref name="oracle"/>; prompt draws, sampling and minibatch order follow <paramref name="seed"/>.
    /// </summary>
    /// <param name="policy">The policy trained in place.</param>
    /// <param name="prompts">The prompts, drawn by weight.</param>
    /// <param name="length">Response length L.</param>
    /// <param name="responseVocab">Responses are over the first ids of the vocabulary (0: all).</param>
    /// <param name="oracle">P(y ≻ y′ | x).</param>
    /// <param name="options">Sizes, optimiser and objective.</param>
    /// <param name="seed">Seed of the prompt draws, the sampler and the minibatch order.</param>
    /// <param name="reference">π_ref, frozen (not disposed here): required by an objective anchored to the reference, unused otherwise.</param>
    /// <param name="group">
    /// The data-parallel ranks training the same policy (not disposed here), or null alone: each rank queries and
    /// back-propagates its share of the prompts (<see cref="DataParallel"/>), with the results of one process to rounding.
    /// </param>
    /// <param name="explorer">
    /// The exploration distribution ν of <see cref="RebelOptions.Explore"/> (not disposed here), e.g. π_ref; null: uniform
    /// over the first <paramref name="responseVocab"/> ids at every position.
    /// </param>
    /// <exception cref="ArgumentException">A setting is out of range, a prompt and a response do not fit in the policy's context, or the objective needs a reference and none is given.</exception>
    public RebelTrainer(TransformerPolicy policy, PromptSet prompts, int length, int responseVocab, ISequenceOracle oracle, RebelOptions options, int seed, TransformerPolicy? reference = null,
        ProcessGroup? group = null, TransformerPolicy? explorer = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(options);
        if (length < 1 || prompts.Length + length > policy.Config.Context)
            throw new ArgumentException($"Length: {prompts.Length} prompt tokens and {length} response tokens (≥ 1) do not fit in the context of {policy.Config.Context}");
        if (responseVocab < 0 || responseVocab > policy.Config.Vocab)
            throw new ArgumentException($"ResponseVocab {responseVocab}: must be in [0, {policy.Config.Vocab}]");
        if (options.SamplesPerPrompt < 2) throw new ArgumentException($"SamplesPerPrompt {options.SamplesPerPrompt}: must be ≥ 2 for leave-one-out win rates");
        if (options.Prompts < 1 || options.MinibatchPrompts < 1 || options.Epochs < 1)
            throw new ArgumentException($"Prompts, MinibatchPrompts and Epochs must be ≥ 1 ({options})");
        if (options.Estimator == RebelEstimator.DoublyRobust)
            throw new ArgumentException("Estimator doubly-robust: its control variate is credited to every response of a prompt, which generated responses do not list; use importance-weighted");
        if (options.ImportanceWeighted && options.SamplesPerPrompt < 3)
            throw new ArgumentException($"SamplesPerPrompt {options.SamplesPerPrompt}: the importance-weighted estimator needs ≥ 3 (a pair's target is read from the other samples)");
        if (options.Explore > 0 && (!options.ImportanceWeighted || options.Temperature != 1 || options.TopP != 1))
            throw new ArgumentException($"Explore {options.Explore}: the exploration mixture is reweighted by π_t/μ, which needs the importance-weighted estimator and draws from π_t itself (Temperature and TopP 1)");
        if (options.Explore > 0 && explorer is null && responseVocab == 0)
            throw new ArgumentException("Explore: uniform exploration needs a response vocabulary; give the trainer an explorer policy");
        _objective = options.ObjectiveOrDefault;
        if (_objective.ReferenceWeight > 0 && reference is null)
            throw new ArgumentException($"Objective: {_objective.GetType().Name}'s log-ratios are (partly) to π_ref; give the reference policy", nameof(reference));
        _reference = _objective.ReferenceWeight > 0 ? reference : null;
        _policy = policy;
        _prompts = prompts;
        _length = length;
        _responseVocab = responseVocab;
        _oracle = oracle;
        _options = options;
        _seed = seed;
        _optimizer = new AdamW(policy.Parameters(), options.OptimizerOrDefault);
        _parallel = group is { Size: > 1 } ? new DataParallel(group, policy.Parameters()) : null;
        _explorer = explorer;
        try
        {
            _groupSampler = new SelfPlaySampler(oracle, new SelfPlayOptions
            {
                Samples = SampleCount.Of(options.SamplesPerPrompt),
                Feedback = options.Feedback,
                QueryBudget = options.QueryBudget,
                Baseline = options.Baseline,
                Explore = options.Explore,
            });
        }
        catch (OptionException e)
        {
            _optimizer.Dispose();
            throw new ArgumentException(e.Message, e);
        }
        // Sized once: an enumerated game's batch holds a row for each of its (up to 2^20) sequences.
        _groupBatch = _groupSampler.CreateBatch();
    }

    /// <summary>Oracle queries one iteration asks over all ranks: the budget, or every pair, of each group.</summary>
    public long QueriesPerIteration => (long)_options.Prompts * Math.Min(_options.QueryBudget ?? int.MaxValue, _options.SamplesPerPrompt * (_options.SamplesPerPrompt - 1) / 2);

    /// <summary>Runs one iteration: prompts, rollout, rewards, then the REBEL regression.</summary>
    public RebelIteration Step()
    {
        int groups = _options.Prompts, k = _options.SamplesPerPrompt, n = groups * k;
        using var scope = new DisposeScope();
        // Seeded per iteration, so a resumed run needs only the iteration number to replay the prompt draws and the
        // minibatch order. One prompt is never drawn, so single-prompt runs keep the minibatch order they always had.
        var shuffler = new Random(unchecked(_seed * 1_000_003 + _iteration));
        var drawn = _prompts.Count == 1 ? new int[groups] : _prompts.Draw(shuffler, groups);
        // This rank's groups (all of them in one process): it generates, queries and back-propagates these only.
        var mine = _parallel?.Groups(groups) ?? Enumerable.Range(0, groups).ToArray();
        var prompts = _prompts.Batch(mine.Select(g => drawn[g]).ToArray(), k, _policy.Device);
        // The per-iteration stream of the responses' row streams, the exploration coins and each group's queries, apart
        // from the prompt draws; a resumed run needs only the iteration.
        var streams = new SeededRandom(unchecked((ulong)_seed * 0x9E3779B97F4A7C15 + (ulong)_iteration));
        var (samples, tokens, policyLogProbs, weights) = Rollout(prompts, mine, streams);
        Tensor anchorLogProbs;
        using (Torch.Torch.NoGrad())
        {
            // ln π_anchor = w ln π_ref + (1 − w) ln π_t (SelfPlayObjective.ReferenceWeight).
            double w = _objective.ReferenceWeight;
            anchorLogProbs = w == 1 ? _reference!.SequenceLogProbs(prompts, samples, _responseVocab) : policyLogProbs!;
            if (w is > 0 and < 1)
                anchorLogProbs = _reference!.SequenceLogProbs(prompts, samples, _responseVocab) * w + anchorLogProbs * (1 - w);
        }
        var (winRate, outcome, difference) = Outcomes(drawn, mine, tokens, k, weights, streams);
        double lossSum = 0, normSum = 0;
        var steps = 0;
        var order = Enumerable.Range(0, groups).ToArray();
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            shuffler.Shuffle(order);
            for (var start = 0; start < groups; start += _options.MinibatchPrompts)
            {
                using var step = new DisposeScope();
                var whole = order.AsSpan(start, Math.Min(_options.MinibatchPrompts, groups - start));
                ReadOnlySpan<int> batch = _parallel is null ? whole : _parallel.Share(whole);
                _optimizer.ZeroGrad();
                // A rank with no group of the minibatch still takes part in the reduction.
                if (batch.Length > 0)
                    lossSum += Backward(batch, whole.Length, prompts, samples, anchorLogProbs, winRate, outcome, difference);
                // The optimiser's step, the gradients first averaged over the ranks.
                _parallel?.Synchronise();
                normSum += _optimizer.Step();
                steps++;
            }
        }
        if (_parallel is not null)
            lossSum = _parallel.Sum(lossSum);
        return new RebelIteration(_iteration++, lossSum / steps, normSum / steps, (long)n * _length);
    }

    // Back-propagates the objective of this rank's groups `batch` of a minibatch of `whole` groups (weighted by their
    // share, so the mean over ranks is the minibatch's gradient) and returns this rank's part of the minibatch's mean
    // loss; the parts are summed over the ranks once per iteration.
    private double Backward(ReadOnlySpan<int> batch, int whole, Tensor prompts, Tensor samples, Tensor anchorLogProbs, double[] winRate, double[] outcome, double[] difference)
    {
        int k = _options.SamplesPerPrompt;
        // Rows and estimates are held for this rank's groups only, in order: group g is the Local(g)-th.
        var local = new int[batch.Length];
        for (var b = 0; b < batch.Length; b++) local[b] = _parallel?.Local(batch[b]) ?? batch[b];
        var rows = Rows(local, k);
        var index = Tensor.FromArray(rows, rows.Length).To(_policy.Device);
        var logProbs = _policy.SequenceLogProbs(prompts.IndexSelect(0, index), samples.IndexSelect(0, index), _responseVocab);
        var logRatio = (logProbs - anchorLogProbs.IndexSelect(0, index)).View(batch.Length, k);
        var batchWinRate = new double[batch.Length * k];
        var batchOutcome = new double[batch.Length * k * k];
        var batchDifference = new double[batchOutcome.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            winRate.AsSpan(local[b] * k, k).CopyTo(batchWinRate.AsSpan(b * k));
            outcome.AsSpan(local[b] * k * k, k * k).CopyTo(batchOutcome.AsSpan(b * k * k));
            difference.AsSpan(local[b] * k * k, k * k).CopyTo(batchDifference.AsSpan(b * k * k));
        }
        var (surrogate, loss) = ObjectiveLoss.Of(_objective, logRatio, batchWinRate, batchOutcome, batchDifference);
        (_parallel is null ? surrogate : surrogate * _parallel.Weight(batch.Length, whole)).Backward();
        return _parallel is null ? loss : loss * batch.Length / whole;
    }

    /// <summary>
    /// The iteration's responses to <paramref name="prompts"/> (K rows for each of the iteration's
    /// <paramref name="groups"/>): drawn from π_t, or from the exploration mixture μ, with their tokens on the host,
    /// <c>ln π_t</c> where the anchor (an objective not wholly anchored to π_ref) or the weights need it, and with the
    /// importance-weighted estimator each response's opponent weight π_t/μ. Row g·K + i of the iteration draws from
    /// streams keyed by the iteration and that number alone, so a rank generating some groups draws what one process
    /// generating all of them draws for those.
    /// </summary>
    internal (Tensor Samples, long[] Tokens, Tensor? PolicyLogProbs, double[]? Weights) Rollout(Tensor prompts, int[] groups, SeededRandom streams)
    {
        ulong responses = streams.NextUInt64(), exploration = streams.NextUInt64();
        var rows = Rows(groups, _options.SamplesPerPrompt);
        // Off-policy when Temperature ≠ 1 or TopP < 1: the log-ratios stay those of π_θ, the draws are not (docs/language-model.md).
        var generation = new GenerationOptions(_length, _options.Temperature, TopP: _options.TopP, ResponseVocab: _responseVocab);
        var samples = _policy.Sample(prompts, generation, RowStreams.For(responses, rows));
        if (_options.Explore > 0)
            samples = Explore(prompts, samples, rows, generation, RowStreams.For(exploration, rows), streams);
        Tensor? policyLogProbs = null;
        if (_objective.ReferenceWeight < 1 || _options.ImportanceWeighted)
            using (Torch.Torch.NoGrad())
                policyLogProbs = _policy.SequenceLogProbs(prompts, samples, _responseVocab);
        var weights = _options.ImportanceWeighted ? OpponentWeights(prompts, samples, policyLogProbs!) : null;
        return (samples, samples.To(Device.Cpu).ToArray<long>(), policyLogProbs, weights);
    }

    // The iteration's row numbers g·K + i of the groups g, in order.
    private static long[] Rows(IReadOnlyList<int> groups, int k)
    {
        var rows = new long[groups.Count * k];
        for (var b = 0; b < groups.Count; b++)
            for (var i = 0; i < k; i++) rows[b * k + i] = (long)groups[b] * k + i;
        return rows;
    }

    // Per group of this rank (the l-th of `groups`, x = prompts[groups[l]]), through the shared sampler: o_ij (K×K
    // row-major, 1/2 on the diagonal, NaN where not queried), the win rates r_i and the differences of r_i − r_j the
    // objectives regress on, at the group's local place. Each group's queries draw from a stream of their own, keyed by
    // the group's number, so the ranks of a data-parallel run draw what one process draws.
    private (double[] WinRate, double[] Outcome, double[] Difference) Outcomes(int[] prompts, int[] groups, long[] tokens, int k, double[]? weights, SeededRandom streams)
    {
        var winRate = new double[groups.Length * k];
        var outcome = new double[groups.Length * k * k];
        var difference = new double[outcome.Length];
        var batch = _groupBatch;
        var responses = new int[k];
        ulong first = streams.NextUInt64();
        for (var l = 0; l < groups.Length; l++)
        {
            int g = groups[l];
            for (var i = 0; i < k; i++)
                responses[i] = _oracle.Index(prompts[g], tokens.AsSpan((l * k + i) * _length, _length));
            _groupSampler.SampleGroup(prompts[g], responses, weights is null ? [] : weights.AsSpan(l * k, k), new SeededRandom(unchecked(first + (ulong)g * 0xBF58476D1CE4E5B9)), batch);
            for (var i = 0; i < k; i++)
            {
                winRate[l * k + i] = batch.WinRate(i);
                for (var j = 0; j < k; j++)
                {
                    outcome[(l * k + i) * k + j] = batch.Outcome(i, j);
                    difference[(l * k + i) * k + j] = batch.Difference(i, j);
                }
            }
        }
        return (winRate, outcome, difference);
    }

    // Replaces each sample, with chance γ, by a draw of the exploration distribution ν: uniform ids, or the explorer's
    // own sample of the same prompt, so that the samples are drawn from μ = (1 − γ) π_t + γ ν. The coins of all the
    // iteration's rows are tossed on every rank (one stream), the replacements drawn from the rows' own `exploration`
    // streams, so a rank explores its rows as one process does.
    private Tensor Explore(Tensor prompts, Tensor samples, long[] rows, GenerationOptions generation, RowStreams exploration, SeededRandom streams)
    {
        var explored = new bool[(long)_options.Prompts * _options.SamplesPerPrompt];
        for (var r = 0; r < explored.Length; r++)
            explored[r] = streams.NextDouble() < _options.Explore;
        var chosen = new List<long>();
        for (var l = 0; l < rows.Length; l++)
            if (explored[rows[l]])
                chosen.Add(l);
        if (chosen.Count == 0)
            return samples;
        var tokens = samples.To(Device.Cpu).ToArray<long>();
        long[] drawn;
        if (_explorer is null)
        {
            drawn = new long[chosen.Count * _length];
            for (var c = 0; c < chosen.Count; c++)
                for (var t = 0; t < _length; t++)
                    drawn[c * _length + t] = (long)(exploration.Uniform((int)chosen[c], t) * _responseVocab);
        }
        else
        {
            using var index = Tensor.FromArray(chosen.ToArray(), chosen.Count).To(_policy.Device);
            using var explorerPrompts = prompts.IndexSelect(0, index);
            using var sampled = _explorer.Sample(explorerPrompts, generation, exploration.Select(chosen));
            drawn = sampled.To(Device.Cpu).ToArray<long>();
        }
        for (var c = 0; c < chosen.Count; c++)
            drawn.AsSpan(c * _length, _length).CopyTo(tokens.AsSpan((int)chosen[c] * _length, _length));
        return Tensor.FromArray(tokens, rows.Length, _length).To(_policy.Device);
    }

    // w = π_t(y)/μ(y) = 1/((1 − γ) + γ ν(y)/π_t(y)) of every sample, which makes the opponents' outcomes estimate the win
    // rate against π_t whatever μ drew them (1 without exploration).
    private double[] OpponentWeights(Tensor prompts, Tensor samples, Tensor policyLogProbs)
    {
        double gamma = _options.Explore;
        var logPolicy = policyLogProbs.To(DType.Float64, Device.Cpu).ToArray<double>();
        double[] logExplorer;
        if (gamma == 0)
            logExplorer = logPolicy;
        else if (_explorer is null)
            logExplorer = Enumerable.Repeat(-_length * Math.Log(_responseVocab), logPolicy.Length).ToArray();
        else
            using (Torch.Torch.NoGrad())
            using (var explorer = _explorer.SequenceLogProbs(prompts, samples, _responseVocab))
                logExplorer = explorer.To(DType.Float64, Device.Cpu).ToArray<double>();
        var weights = new double[logPolicy.Length];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = 1 / ((1 - gamma) + gamma * Math.Exp(logExplorer[i] - logPolicy[i]));
        return weights;
    }

    /// <summary>Iterations completed so far (including those before a resumed checkpoint).</summary>
    public int Iteration => _iteration;

    /// <summary>
    /// Writes everything a resumed run needs into <paramref name="directory"/>: the policy's parameters
    /// (<c>policy.params</c>), the AdamW state (<c>optimizer.pt</c>) and the iteration number (<c>trainer.json</c>,
    /// written last so a half-written checkpoint is never taken for whole); every draw is keyed by the seed and the
    /// iteration, so nothing else is needed to continue.
    /// </summary>
    public void SaveCheckpoint(string directory)
    {
        Directory.CreateDirectory(directory);
        _policy.Save(Path.Combine(directory, "policy.params"));
        _optimizer.Save(Path.Combine(directory, "optimizer.pt"));
        var state = new JsonObject
        {
            ["format"] = CheckpointFormat,
            ["iteration"] = _iteration,
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
        _policy.LoadWeights(Path.Combine(directory, "policy.params"));
        _optimizer.Load(Path.Combine(directory, "optimizer.pt"));
        _iteration = saved;
    }

    /// <summary>Releases the optimizer (not the policy).</summary>
    public void Dispose() => _optimizer.Dispose();
}
