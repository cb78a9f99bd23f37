using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Preference;
using Rebel.Preference.Evaluation;
using Rebel.Preference.Oracles;
using Rebel.Torch;
using Rebel.Torch.Distributed;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

namespace Rebel.Neural.SelfPlay;

/// <summary>
/// Neural self-play as an <see cref="ISelfPlayAlgorithm"/> (<c>--policy neural</c>): each iteration is one
/// <see cref="RebelTrainer"/> step of a transformer policy on an enumerable sequence game with one prompt per context
/// (prompts drawn by the contexts' weights), judged exactly by the same <see cref="PolicyEvaluator"/> as every tabular
/// algorithm. On evaluated iterations (every <see cref="NeuralSelfPlayOptions.EvalEvery"/>-th, starting with the first,
/// and always the run's last) <c>π_t(y | x)</c> is computed for every sequence and prompt and the evaluator reports the
/// exact <c>dg_last</c>, <c>dg_avg</c>, <c>regret_avg</c> (over the evaluated iterates), <c>kl_step</c> =
/// KL(π_{t+1} ‖ π_t), <c>entropy</c>, <c>kl_ref</c> (KL to the initial transformer's policy) and <c>dist_mw_*</c>, all
/// weighted over the prompts. Iterations in between repeat the last evaluated values. The learner's extras: cumulative
/// <c>oracle_queries</c> and <c>samples</c>, the iteration's mean <c>regression_loss</c>, and with
/// <see cref="NeuralSelfPlayOptions.EstimateSamples"/> the gap of π_t estimated from samples, <c>dg_last_est</c> (the name of every run's
/// sampled gap of the last iterate), with its 95% half-width <c>dg_last_est_ci</c> (<see cref="DualityGapEstimator"/>), and its win rate against π_ref (the initial
/// transformer) from as many generated pairs per prompt, <c>win_rate_ref_est</c> ± <c>win_rate_ref_ci</c>
/// (<see cref="Evaluation.WinRateEstimator"/>), and with <see cref="NeuralSelfPlayOptions.PoolSamples"/> how far a pool of π_ref's
/// responses fixed for the run exploits π_t, <c>exploit_pool_est</c> ± <c>exploit_pool_ci</c>
/// (<see cref="Evaluation.ExploitPoolEstimator"/>), and its win rate against the pool game's minimax winner,
/// <c>win_rate_pool_mw_est</c> ± <c>win_rate_pool_mw_ci</c> (<see cref="Evaluation.PoolWinnerEstimator"/>); their queries
/// are not counted in <c>oracle_queries</c>.
/// </summary>
public sealed class NeuralSelfPlay : ISelfPlayAlgorithm, IWeightsExport, IDisposable
{
    private const string StateFormat = "rebel-neural-selfplay/3";
    private static readonly string[] CheckpointFiles = ["policy.params", "optimizer.pt", "trainer.json"];
    private readonly SequenceSpace? _space;
    private readonly int _length;
    private readonly int _responseVocab;
    private readonly Func<TransformerPolicy> _initialWeights;
    private readonly PromptSet _prompts;
    private readonly TransformerPolicy _policy;
    private readonly TransformerPolicy? _reference;
    private readonly RebelTrainer _trainer;
    private readonly ProcessGroup? _group;
    private readonly PolicyEvaluator _evaluator;
    private readonly RebelOptions _rebel;
    private readonly int _evalEvery;
    private readonly int _estimateSamples;
    private readonly int _poolSamples;
    private IReadOnlyList<long[]>[]? _pool;
    private double[][]? _poolWinners;
    private readonly ulong _seed;
    private readonly ISequenceOracle _oracle;
    private readonly int _horizon;
    private double[][]? _current;
    private bool _hasReference;
    private IterationMetrics _evaluated = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
    private TransformerPolicy? _initial;
    private double _loss, _dgEstimate = double.NaN, _dgEstimateCi = double.NaN, _winRate = double.NaN, _winRateCi = double.NaN, _exploit = double.NaN, _exploitCi = double.NaN,
        _poolWinRate = double.NaN, _poolWinRateCi = double.NaN;
    private long _queries, _samples;

    /// <summary>Builds the policy (initialised from <paramref name="seed"/>) and its trainer on <paramref name="game"/>.</summary>
    /// <param name="name">The <c>--algo</c> name, checked on <see cref="LoadState"/>.</param>
    /// <param name="game">An enumerable sequence game (every context's responses are all sequences, in index order).</param>
    /// <param name="objective">The objective fitted each iteration, the tabular algorithm's (<c>Rebel.Preference.Objectives</c>).</param>
    /// <param name="samplesPerPrompt">K responses per prompt.</param>
    /// <param name="options">Model, device and fit settings.</param>
    /// <param name="seed">Seed of the initial weights, the sampler and the minibatch order.</param>
    /// <param name="horizon">The run's last iteration T, always evaluated so that the final gap is never stale; 0 when unknown.</param>
    /// <param name="prompts">The prompt tokens of the contexts, in context order; null numbers them (<see cref="PromptSet.Of"/>). Token ids from V up are prompt-only tokens, never sampled.</param>
    /// <param name="oracle">The oracle the learner queries (<see cref="AlgorithmSetup.Oracle"/>); null: the game's matrix as an oracle.</param>
    /// <param name="group">The data-parallel ranks of the run (owned and disposed here), or null alone (<see cref="RebelTrainer"/>).</param>
    /// <param name="sampling">The shared options of the groups' sampling — feedback, query budget, exploration, baseline — or null for their defaults.</param>
    /// <exception cref="ArgumentException">Not a sequence game, or an option is out of range (one-line message naming it).</exception>
    /// <exception cref="TorchException">The native library is missing, or the device is unavailable.</exception>
    public NeuralSelfPlay(string name, TabularGame game, global::Rebel.Preference.Objectives.SelfPlayObjective objective, int samplesPerPrompt, NeuralSelfPlayOptions options, ulong seed, int horizon = 0,
        PromptSet? prompts = null, IPreferenceOracle? oracle = null, ProcessGroup? group = null, SelfPlayOptions? sampling = null)
        : this(name, game, objective, samplesPerPrompt, options, seed, horizon, Enumerated(game, options, seed, prompts, oracle), group, sampling) { }

    /// <summary>
    /// Builds self-play on responses that are generated, not enumerated (<see cref="NeuralSelfPlayOptions.Model"/>): the
    /// policy and π_ref start from <paramref name="initial"/>'s weights (called once for each, and again on resume),
    /// draw <see cref="NeuralSelfPlayOptions.MaxTokens"/> tokens per response after each prompt, and
    /// <paramref name="oracle"/> judges them (its answers depend on the text up to the end token only). No exact metric
    /// exists: the run reports the estimates of <see cref="NeuralSelfPlayOptions.EstimateSamples"/>.
    /// </summary>
    /// <param name="name">The <c>--algo</c> name.</param>
    /// <param name="game">The contexts, one per prompt, each with a placeholder response (<see cref="TabularGame.TextModel"/>).</param>
    /// <param name="objective">The objective fitted each iteration.</param>
    /// <param name="samplesPerPrompt">K responses per prompt.</param>
    /// <param name="options">Sampling, device and fit settings (the model's shape comes from <paramref name="initial"/>).</param>
    /// <param name="seed">Seed of the sampler and the minibatch order.</param>
    /// <param name="horizon">The run's last iteration T.</param>
    /// <param name="prompts">The prompts in the policy's token ids, in context order.</param>
    /// <param name="initial">Loads the initial weights.</param>
    /// <param name="oracle">Judges two responses of a prompt.</param>
    /// <param name="sampling">The shared options of the groups' sampling, or null for their defaults; π_ref is the exploration distribution.</param>
    /// <exception cref="ArgumentException">An option is out of range, or a prompt and the response do not fit the model's positions.</exception>
    public NeuralSelfPlay(string name, TabularGame game, global::Rebel.Preference.Objectives.SelfPlayObjective objective, int samplesPerPrompt, NeuralSelfPlayOptions options, ulong seed, int horizon,
        PromptSet prompts, Func<TransformerPolicy> initial, ISequenceOracle oracle, SelfPlayOptions? sampling = null)
        : this(name, game, objective, samplesPerPrompt, options, seed, horizon, new Parts(null, prompts, options?.MaxTokens ?? 0, 0, initial, oracle), null, sampling) { }

    // What the two kinds of run differ in: the enumerated space (null: generated text), the prompts, the response
    // length and ids, the initial weights and the oracle over token sequences.
    private sealed record Parts(SequenceSpace? Space, PromptSet Prompts, int Length, int ResponseVocab, Func<TransformerPolicy> Initial, ISequenceOracle Oracle);

    private static Parts Enumerated(TabularGame game, NeuralSelfPlayOptions options, ulong seed, PromptSet? prompts, IPreferenceOracle? oracle)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var space = SequenceSpaces.Of(game);
        var sequenceGame = new SequenceGame(game, space);
        prompts ??= PromptSet.Of(sequenceGame);
        if (prompts.Count != game.Contexts.Count)
            throw new ArgumentException($"Prompts: {prompts.Count} prompts for {game.Contexts.Count} contexts");
        var vocab = Math.Max(space.Vocab, PromptVocabulary(prompts));
        var needed = prompts.Length + space.Length;
        if (options.Context != 0 && options.Context < needed)
        {
            var longest = Enumerable.Range(0, prompts.Count).MaxBy(prompts.LengthOf);
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.Context), options.Context,
                $"the prompt of context '{game.Contexts[longest].Name}' has {prompts.LengthOf(longest)} tokens; with responses of {space.Length} it exceeds the model's context");
        }
        var config = new TransformerConfig(vocab, options.Context == 0 ? needed : options.Context, options.DModel, options.Layers, options.Heads);
        try { config.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"DModel/Layers/Heads: {e.Message}", e); }
        var device = DeviceOption.Resolve<NeuralSelfPlayOptions>(options.Device);
        return new Parts(space, prompts, space.Length, space.Vocab, () => InitialPolicy(config, seed, device), new EnumeratedSequenceOracle(oracle ?? new TabularOracle(game), space));
    }

    private NeuralSelfPlay(string name, TabularGame game, global::Rebel.Preference.Objectives.SelfPlayObjective objective, int samplesPerPrompt, NeuralSelfPlayOptions options, ulong seed, int horizon, Parts parts, ProcessGroup? group,
        SelfPlayOptions? sampling)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(objective);
        options.Validate();
        if (parts.Prompts.Count != game.Contexts.Count)
            throw new ArgumentException($"Prompts: {parts.Prompts.Count} prompts for {game.Contexts.Count} contexts");
        Torch.Torch.Threads = options.Threads;
        _space = parts.Space;
        _prompts = parts.Prompts;
        _length = parts.Length;
        _responseVocab = parts.ResponseVocab;
        _initialWeights = parts.Initial;
        Name = name;
        Game = game;
        _evalEvery = options.EvalEvery;
        _estimateSamples = options.EstimateSamples;
        _poolSamples = options.PoolSamples;
        _seed = seed;
        _horizon = horizon;
        // Enumerated runs sample π_t itself (their exact evaluation is of the policy the samples come from). The
        // exploration mixture is the importance-weighted estimator's only, as for the tabular learners.
        sampling ??= new SelfPlayOptions();
        bool weighted = options.Estimator == RebelEstimator.ImportanceWeighted;
        _rebel = new RebelOptions(options.Prompts, samplesPerPrompt, options.Epochs, options.Batch,
            new AdamWOptions(Lr: options.LearningRate, WeightDecay: 0), objective,
            _space is null ? options.Temperature : 1, _space is null ? options.TopP : 1,
            options.Estimator, sampling.Feedback, sampling.QueryBudget, weighted ? sampling.Explore : 0, sampling.Baseline);
        _policy = _initialWeights();
        // π_ref of the objectives anchored to it is the initial transformer, frozen: a function of the seed (or the model directory).
        _reference = objective.ReferenceWeight > 0 ? _initialWeights() : null;
        _oracle = parts.Oracle;
        if (_prompts.Length + _length > _policy.Config.Context)
        {
            var longest = Enumerable.Range(0, _prompts.Count).MaxBy(_prompts.LengthOf);
            _policy.Dispose();
            _reference?.Dispose();
            throw OptionException.Of<NeuralSelfPlayOptions>(nameof(NeuralSelfPlayOptions.MaxTokens), _length,
                $"the prompt of context '{game.Contexts[longest].Name}' has {_prompts.LengthOf(longest)} tokens; with responses of {_length} it exceeds the model's {_policy.Config.Context} positions");
        }
        _group = group;
        // Generated responses explore with π_ref's own; enumerated ones uniformly over the sequences, as the tabular learners do.
        _trainer = new RebelTrainer(_policy, _prompts, _length, _responseVocab, _oracle, _rebel, unchecked((int)seed + 1), _reference, group,
            _rebel.Explore > 0 && _space is null ? Reference() : null);
        _evaluator = new PolicyEvaluator(game);
    }

    // The weights the run starts from: a function of the seed only, so a resumed run can rebuild π_ref.
    private static TransformerPolicy InitialPolicy(TransformerConfig config, ulong seed, Device device)
    {
        using var init = new Generator(seed);
        return new TransformerPolicy(config, init, device);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public TabularGame Game { get; }

    /// <inheritdoc/>
    public int Iteration => _trainer.Iteration;

    /// <inheritdoc/>
    public TabularPolicy Current => _space is null ? Placeholder() : Tabular(CurrentProbabilities());

    /// <inheritdoc/>
    public TabularPolicy Average => _space is null ? Placeholder() : _evaluator.Regret.AveragePolicy;

    // Generated responses: each context's one placeholder response (TextModelFile) with probability 1.
    private TabularPolicy Placeholder() => new(Enumerable.Range(0, _prompts.Count).Select(_ => Vector<double>.Build.Dense(1, 1.0)).ToArray());

    /// <summary>The transformer being trained (for tests and export).</summary>
    public TransformerPolicy Policy => _policy;

    /// <inheritdoc/>
    public IterationMetrics Step(bool evaluate = true)
    {
        // Evaluated when the run asks and the policy's own --eval-every schedule agrees.
        evaluate = evaluate && (_trainer.Iteration % _evalEvery == 0 || _trainer.Iteration + 1 == _horizon);
        double[][]? before = null;
        // Generated responses have no exact metric: their evaluated iterations report the estimates only.
        if (evaluate && _space is not null)
        {
            before = CurrentProbabilities();
            if (!_hasReference)
                _evaluator.SetReference(Tabular(_trainer.Iteration == 0 ? before : InitialProbabilities()));
            _hasReference = true;
        }
        var step = _trainer.Step();
        _current = null;
        if (evaluate)
        {
            // The gaps, exact and estimated, are those of the new iterate, the policy the run ends with.
            if (before is not null)
                _evaluated = _evaluator.Evaluate(before, CurrentProbabilities());
            // Seeded by the run's seed and the iteration, apart from the trainer's draws, so a resumed run replays it.
            // Estimated by rank 0 alone: the other ranks' metrics go to private directories nobody reads
            // (docs/distributed.md), and the samples and queries of the estimates are better left undone there.
            if (_estimateSamples > 0 && (_group?.Rank ?? 0) == 0)
            {
                ulong iteration = (ulong)_trainer.Iteration - 1;
                (_dgEstimate, _dgEstimateCi) = DualityGapEstimator.Estimate(_policy, _prompts, _length, _responseVocab, _oracle, _estimateSamples,
                    unchecked(_seed * 0x9E3779B97F4A7C15 + iteration));
                (_winRate, _winRateCi) = Evaluation.WinRateEstimator.Estimate(_policy, Reference(), _prompts, _length, _responseVocab, _oracle, _estimateSamples,
                    unchecked(_seed * 0xD1B54A32D192ED03 + iteration));
                if (_poolSamples > 0)
                {
                    // The pool is a function of the seed and π_ref, so a resumed run draws the same one.
                    _pool ??= Evaluation.ExploitPoolEstimator.Pool(Reference(), _prompts, _length, _responseVocab, _poolSamples, Evaluation.ExploitPoolEstimator.PoolSeed(_seed), PoolData);
                    (_exploit, _exploitCi) = Evaluation.ExploitPoolEstimator.Estimate(_policy, _pool, _prompts, _length, _responseVocab, _oracle, _estimateSamples,
                        unchecked(_seed * 0xE7037ED1A0B428DB + iteration));
                    // Solved once per session; the same pool and answers give the same winners on resume.
                    _poolWinners ??= Evaluation.PoolWinnerEstimator.Solve(_pool, _oracle);
                    (_poolWinRate, _poolWinRateCi) = Evaluation.PoolWinnerEstimator.Estimate(_policy, _pool, _poolWinners, _prompts, _length, _responseVocab, _oracle,
                        _estimateSamples, unchecked(_seed * 0x8CB92BA72F3D8DD7 + iteration));
                }
            }
        }
        _queries += _trainer.QueriesPerIteration;
        _samples += _rebel.Prompts * _rebel.SamplesPerPrompt;
        _loss = step.Loss;
        List<KeyValuePair<string, double>> extra =
        [
            new("oracle_queries", _queries),
            new("samples", _samples),
            new("regression_loss", _loss),
        ];
        if (_estimateSamples > 0)
        {
            extra.Add(new("dg_last_est", _dgEstimate));
            extra.Add(new("dg_last_est_ci", _dgEstimateCi));
            extra.Add(new("win_rate_ref_est", _winRate));
            extra.Add(new("win_rate_ref_ci", _winRateCi));
            if (_poolSamples > 0)
            {
                extra.Add(new("exploit_pool_est", _exploit));
                extra.Add(new("exploit_pool_ci", _exploitCi));
                extra.Add(new("win_rate_pool_mw_est", _poolWinRate));
                extra.Add(new("win_rate_pool_mw_ci", _poolWinRateCi));
            }
        }
        extra.AddRange(_evaluated.Extra);
        return _evaluated with { Iteration = Iteration, Extra = extra };
    }

    // π_ref of kl_ref for a resumed run: the seed's initial weights, enumerated again.
    private double[][] InitialProbabilities() => Probabilities(Reference());

    // π_ref, the seed's initial weights: the objective's frozen reference when it keeps one, else built once on demand.
    private TransformerPolicy Reference() => _reference ?? (_initial ??= _initialWeights());

    private static TabularPolicy Tabular(double[][] policy) => new(policy.Select(p => Vector<double>.Build.Dense((double[])p.Clone())).ToArray());

    /// <summary>Exact π(·|x) of the current weights for every prompt, computed once per set of weights.</summary>
    private double[][] CurrentProbabilities() => _current ??= Probabilities(_policy);

    // Exact π(·|x) of a transformer for every prompt.
    private double[][] Probabilities(TransformerPolicy policy) =>
        Enumerable.Range(0, _prompts.Count).Select(c => SequencePolicy.Probabilities(policy, _space!, _prompts.Tokens(c))).ToArray();

    // The vocabulary the policy needs for the prompts' tokens (prompt-only tokens lie past the responses' V).
    private static int PromptVocabulary(PromptSet prompts)
    {
        long largest = 0;
        for (var c = 0; c < prompts.Count; c++)
            foreach (var token in prompts.Tokens(c))
                largest = token >= 0 ? Math.Max(largest, token) : throw new ArgumentException($"Prompts: token {token} of prompt {c} is negative");
        return (int)Math.Min(largest + 1, int.MaxValue);
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var directory = Directory.CreateTempSubdirectory("rebel-neural-state-");
        try
        {
            _trainer.SaveCheckpoint(directory.FullName);
            var (winRates, policy, played) = _evaluator.Regret.Sums;
            writer.WriteStartObject();
            writer.WriteString("format", StateFormat);
            writer.WriteString("algorithm", Name);
            writer.WriteNumber("iteration", Iteration);
            writer.WriteNumber("world_size", WorldSize);
            writer.WriteNumber("evaluations", _evaluator.Iterations);
            WriteEvaluated(writer);
            writer.WriteNumber("regression_loss", _loss);
            if (_estimateSamples > 0)
            {
                WriteNumberOrNull(writer, "dg_last_est", _dgEstimate);
                WriteNumberOrNull(writer, "dg_last_est_ci", _dgEstimateCi);
                WriteNumberOrNull(writer, "win_rate_ref_est", _winRate);
                WriteNumberOrNull(writer, "win_rate_ref_ci", _winRateCi);
                WriteNumberOrNull(writer, "exploit_pool_est", _exploit);
                WriteNumberOrNull(writer, "exploit_pool_ci", _exploitCi);
                WriteNumberOrNull(writer, "win_rate_pool_mw_est", _poolWinRate);
                WriteNumberOrNull(writer, "win_rate_pool_mw_ci", _poolWinRateCi);
            }
            writer.WriteNumber("oracle_queries", _queries);
            writer.WriteNumber("samples", _samples);
            WriteArrays(writer, "win_rate_sums", winRates);
            WriteArrays(writer, "policy_sums", policy);
            WriteArray(writer, "played_sums", played);
            foreach (var file in CheckpointFiles)
                writer.WriteBase64String(file, File.ReadAllBytes(Path.Combine(directory.FullName, file)));
            writer.WriteEndObject();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <inheritdoc/>
    public void LoadState(JsonElement state)
    {
        if (!state.TryGetProperty("format", out var format) || format.GetString() != StateFormat)
            throw new FormatException($"the state is not {StateFormat} (a run of another policy class?)");
        if (state.GetProperty("algorithm").GetString() != Name)
            throw new FormatException($"the state belongs to '{state.GetProperty("algorithm").GetString()}', not '{Name}'");
        // Resumed on another number of ranks, the iterations would split the prompts otherwise than the run did.
        int worldSize = state.TryGetProperty("world_size", out var ranks) ? ranks.GetInt32() : 1;
        if (worldSize != WorldSize)
            throw new FormatException($"the run was trained on {worldSize} ranks (world_size), not {WorldSize}: resume it with the same number of processes");
        var directory = Directory.CreateTempSubdirectory("rebel-neural-state-");
        try
        {
            foreach (var file in CheckpointFiles)
                File.WriteAllBytes(Path.Combine(directory.FullName, file), state.GetProperty(file).GetBytesFromBase64());
            _trainer.LoadCheckpoint(directory.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or TorchException or IOException)
        {
            throw new FormatException($"the saved weights cannot be loaded: {e.Message.Split('\n')[0]}", e);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
        if (_trainer.Iteration != state.GetProperty("iteration").GetInt32())
            throw new FormatException($"the saved trainer is at iteration {_trainer.Iteration}, the state at {state.GetProperty("iteration").GetInt32()}");
        var played = state.GetProperty("played_sums").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (played.Length != _prompts.Count)
            throw new FormatException($"'played_sums' holds {played.Length} values, the game has {_prompts.Count} prompts");
        _evaluator.Regret.Restore(state.GetProperty("evaluations").GetInt32(), ReadArrays(state, "win_rate_sums"), ReadArrays(state, "policy_sums"), played);
        _evaluated = ReadEvaluated(state.GetProperty("evaluated"));
        _hasReference = false;
        _loss = state.GetProperty("regression_loss").GetDouble();
        if (_estimateSamples > 0)
        {
            // States written before the one naming of sampled gaps call them dg_est, dg_est_ci.
            (_dgEstimate, _dgEstimateCi) = state.TryGetProperty("dg_last_est", out var g)
                ? (NumberOrNaN(g), NumberOrNaN(state.GetProperty("dg_last_est_ci")))
                : (NumberOrNaN(state.GetProperty("dg_est")), NumberOrNaN(state.GetProperty("dg_est_ci")));
            // States written before the win rate was estimated have none until the next evaluated iteration.
            (_winRate, _winRateCi) = state.TryGetProperty("win_rate_ref_est", out var w) && state.TryGetProperty("win_rate_ref_ci", out var ci)
                ? (NumberOrNaN(w), NumberOrNaN(ci)) : (double.NaN, double.NaN);
            (_exploit, _exploitCi) = state.TryGetProperty("exploit_pool_est", out var e) && state.TryGetProperty("exploit_pool_ci", out var eci)
                ? (NumberOrNaN(e), NumberOrNaN(eci)) : (double.NaN, double.NaN);
            (_poolWinRate, _poolWinRateCi) = state.TryGetProperty("win_rate_pool_mw_est", out var pw) && state.TryGetProperty("win_rate_pool_mw_ci", out var pwci)
                ? (NumberOrNaN(pw), NumberOrNaN(pwci)) : (double.NaN, double.NaN);
        }
        _queries = state.GetProperty("oracle_queries").GetInt64();
        _samples = state.GetProperty("samples").GetInt64();
        _current = null;
    }

    private static double NumberOrNaN(JsonElement value) => value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        // NaN before the first evaluation, which JSON has no number for.
        if (double.IsNaN(value)) writer.WriteNull(name); else writer.WriteNumber(name, value);
    }

    // The last evaluation's metrics, repeated by the iterations until the next one.
    private void WriteEvaluated(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("evaluated");
        WriteNumberOrNull(writer, "dg_last", _evaluated.DualityGapLast);
        WriteNumberOrNull(writer, "dg_avg", _evaluated.DualityGapAverage);
        WriteNumberOrNull(writer, "regret_avg", _evaluated.AverageRegret);
        WriteNumberOrNull(writer, "kl_step", _evaluated.KlStep);
        WriteNumberOrNull(writer, "entropy", _evaluated.Entropy);
        writer.WriteStartObject("extra");
        foreach (var (name, value) in _evaluated.Extra)
            WriteNumberOrNull(writer, name, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static IterationMetrics ReadEvaluated(JsonElement evaluated) => new(0,
        NumberOrNaN(evaluated.GetProperty("dg_last")), NumberOrNaN(evaluated.GetProperty("dg_avg")), NumberOrNaN(evaluated.GetProperty("regret_avg")),
        NumberOrNaN(evaluated.GetProperty("kl_step")), NumberOrNaN(evaluated.GetProperty("entropy")),
        evaluated.GetProperty("extra").EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, NumberOrNaN(p.Value))).ToArray());

    private static void WriteArray(Utf8JsonWriter writer, string name, double[] values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    // One array per prompt.
    private static void WriteArrays(Utf8JsonWriter writer, string name, double[][] values)
    {
        writer.WriteStartArray(name);
        foreach (var row in values)
        {
            writer.WriteStartArray();
            foreach (var v in row) writer.WriteNumberValue(v);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private double[][] ReadArrays(JsonElement state, string name)
    {
        var rows = state.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        if (rows.Length != _prompts.Count)
            throw new FormatException($"'{name}' holds {rows.Length} arrays, the game has {_prompts.Count} prompts");
        var count = _space?.Count ?? 1;
        return rows.All(r => r.Length == count)
            ? rows
            : throw new FormatException($"'{name}' holds an array whose length is not the game's {count} responses");
    }

    /// <summary>Writes the transformer as <c>policy.safetensors</c> with PyTorch's parameter names and its config as <c>policy.config.json</c>.</summary>
    public void ExportWeights(string directory)
    {
        if (_space is not null)
            _policy.Save(Path.Combine(directory, IWeightsExport.FileName));
        else
            ExportModel?.Invoke(_policy, Path.Combine(directory, ModelDirectory));
    }

    /// <summary>The run's subdirectory that holds the trained policy of generated responses as a Hugging Face GPT-2 (<c>generate --model RUN/model</c>).</summary>
    public const string ModelDirectory = "model";

    /// <summary>Writes the policy of generated responses as a Hugging Face directory (set by whoever knows its tokenizer files and end token).</summary>
    public Action<TransformerPolicy, string>? ExportModel { get; init; }

    /// <summary>
    /// The data's responses to each prompt, as token sequences of the response length, that start the pool of
    /// <see cref="NeuralSelfPlayOptions.PoolSamples"/> (before π_ref's samples); null: π_ref's samples only.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<long[]>>? PoolData { get; init; }

    /// <summary>What the run owns besides its policies (the oracle's model), released by <see cref="Dispose"/>.</summary>
    public IDisposable? Owned { get; init; }

    private int WorldSize => _group?.Size ?? 1;

    /// <summary>Releases the trainer, the policy's native memory and the process group.</summary>
    public void Dispose()
    {
        _trainer.Dispose();
        _group?.Dispose();
        _policy.Dispose();
        _reference?.Dispose();
        _initial?.Dispose();
        Owned?.Dispose();
    }
}
