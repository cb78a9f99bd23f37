using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Neural.SelfPlay.Utils;
using Rebel.Preference;
using Rebel.Torch;
using Rebel.Torch.Models;
using Rebel.Torch.Optim;

namespace Rebel.Neural.SelfPlay;

/// <summary>
/// Neural self-play as an <see cref="ISelfPlayAlgorithm"/> (<c>--policy neural</c>): each iteration is one
/// <see cref="RebelTrainer"/> step of a transformer policy on an enumerable sequence game, judged exactly through the
/// tabular core. On evaluated iterations (every <see cref="NeuralSelfPlayOptions.EvalEvery"/>-th, starting with the
/// first, and always the run's last) <c>π_t(y)</c> is computed for every sequence; <c>dg_last</c> is the exact DG of <c>π_t</c>, the regret
/// tracker observes <c>π_t</c> and <c>r_t = P π_t</c> (so <c>dg_avg</c>, <c>regret_avg</c> and the average iterate are
/// over the evaluated iterates), and <c>kl_step</c> = KL(π_{t+1} ‖ π_t) and <c>entropy</c> of π_{t+1}. Iterations in
/// between repeat the last evaluated values. Extras: cumulative <c>oracle_queries</c> and <c>samples</c>, and the
/// iteration's mean <c>regression_loss</c>.
/// </summary>
public sealed class NeuralSelfPlay : ISelfPlayAlgorithm, IDisposable
{
    private const string StateFormat = "rebel-neural-selfplay/1";
    private static readonly string[] CheckpointFiles = ["policy.params", "optimizer.pt", "trainer.json"];
    private readonly SequenceSpace _space;
    private readonly TransformerPolicy _policy;
    private readonly RebelTrainer _trainer;
    private readonly RegretTracker _regret;
    private readonly RebelOptions _rebel;
    private readonly int _evalEvery;
    private readonly int _horizon;
    private readonly double[] _winRates;
    private double[]? _current;
    private double _dgLast, _klStep, _entropy, _loss;
    private long _queries, _samples;

    /// <summary>Builds the policy (initialised from <paramref name="seed"/>) and its trainer on <paramref name="game"/>.</summary>
    /// <param name="name">The <c>--algo</c> name, checked on <see cref="LoadState"/>.</param>
    /// <param name="game">An enumerable sequence game (one context whose responses are all sequences, in index order).</param>
    /// <param name="loss">The objective fitted each iteration.</param>
    /// <param name="eta">η of the objective.</param>
    /// <param name="samplesPerPrompt">K responses per prompt.</param>
    /// <param name="options">Model, device and fit settings.</param>
    /// <param name="seed">Seed of the initial weights, the sampler and the minibatch order.</param>
    /// <param name="horizon">The run's last iteration T, always evaluated so that the final gap is never stale; 0 when unknown.</param>
    /// <exception cref="ArgumentException">Not a sequence game, or an option is out of range (one-line message naming it).</exception>
    /// <exception cref="TorchException">The native library is missing, or the device is unavailable.</exception>
    public NeuralSelfPlay(string name, TabularGame game, SelfPlayLoss loss, double eta, int samplesPerPrompt, NeuralSelfPlayOptions options, ulong seed, int horizon = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        _space = SequenceSpaces.Of(game);
        if (options.EvalEvery < 1) throw new ArgumentException($"--eval-every {options.EvalEvery}: must be at least 1");
        if (options.Threads < 1) throw new ArgumentException($"--threads {options.Threads}: must be at least 1");
        if (!(options.LearningRate > 0)) throw new ArgumentException($"--lr {options.LearningRate}: must be positive");
        var config = new TransformerConfig(_space.Vocab, _space.Length + 1, options.DModel, options.Layers, options.Heads);
        try { config.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"--d-model/--layers/--heads: {e.Message}", e); }
        var device = Torch.Device.Resolve(options.Device);
        Torch.Torch.Threads = options.Threads;
        Name = name;
        Game = game;
        _evalEvery = options.EvalEvery;
        _horizon = horizon;
        _rebel = new RebelOptions(options.Prompts, samplesPerPrompt, eta, options.Epochs, options.Batch,
            new AdamWOptions(Lr: options.LearningRate, WeightDecay: 0), loss);
        using (var init = new Generator(seed)) _policy = new TransformerPolicy(config, init, device);
        _trainer = new RebelTrainer(_policy, new SequenceGame(game, _space), _rebel, unchecked((int)seed + 1));
        _regret = new RegretTracker(game);
        _winRates = new double[_space.Count];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public TabularGame Game { get; }

    /// <inheritdoc/>
    public int Iteration => _trainer.Iteration;

    /// <inheritdoc/>
    public TabularPolicy Current => new([Vector<double>.Build.Dense((double[])CurrentProbabilities().Clone())]);

    /// <inheritdoc/>
    public TabularPolicy Average => _regret.AveragePolicy;

    /// <summary>The transformer being trained (for tests and export).</summary>
    public TransformerPolicy Policy => _policy;

    /// <inheritdoc/>
    public IterationMetrics Step()
    {
        var evaluate = _trainer.Iteration % _evalEvery == 0 || _trainer.Iteration + 1 == _horizon;
        double[]? before = null;
        if (evaluate)
        {
            before = CurrentProbabilities();
            WinRate.Against(Game.Contexts[0], before, _winRates);
            _dgLast = DualityGap.FromWinRates(_winRates);
            _regret.Observe(0, before, _winRates);
            _regret.Advance();
        }
        var step = _trainer.Step();
        _current = null;
        if (before is not null)
            (_klStep, _entropy) = Divergences(CurrentProbabilities(), before);
        int n = _rebel.Prompts * _rebel.SamplesPerPrompt;
        _queries += (long)n * (_rebel.SamplesPerPrompt - 1);
        _samples += n;
        _loss = step.Loss;
        return new IterationMetrics(Iteration, _dgLast, _regret.AverageDualityGap, _regret.AverageRegret, _klStep, _entropy,
        [
            new("oracle_queries", _queries),
            new("samples", _samples),
            new("regression_loss", _loss),
        ]);
    }

    /// <summary>Exact π of the current weights, computed once per set of weights.</summary>
    private double[] CurrentProbabilities() => _current ??= SequencePolicy.Probabilities(_policy, _space);

    // KL(p ‖ q) and H(p); terms with p = 0 vanish.
    private static (double Kl, double Entropy) Divergences(double[] p, double[] q)
    {
        double kl = 0, entropy = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0) continue;
            var log = Math.Log(p[i]);
            kl += p[i] * (log - Math.Log(q[i]));
            entropy -= p[i] * log;
        }
        return (kl, entropy);
    }

    /// <inheritdoc/>
    public void SaveState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var directory = Directory.CreateTempSubdirectory("rebel-neural-state-");
        try
        {
            _trainer.SaveCheckpoint(directory.FullName);
            var (winRates, policy, played) = _regret.Sums;
            writer.WriteStartObject();
            writer.WriteString("format", StateFormat);
            writer.WriteString("algorithm", Name);
            writer.WriteNumber("iteration", Iteration);
            writer.WriteNumber("evaluations", _regret.Iterations);
            writer.WriteNumber("dg_last", _dgLast);
            writer.WriteNumber("kl_step", _klStep);
            writer.WriteNumber("entropy", _entropy);
            writer.WriteNumber("regression_loss", _loss);
            writer.WriteNumber("oracle_queries", _queries);
            writer.WriteNumber("samples", _samples);
            WriteArray(writer, "win_rate_sums", winRates[0]);
            WriteArray(writer, "policy_sums", policy[0]);
            writer.WriteNumber("played_sum", played[0]);
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
        _regret.Restore(state.GetProperty("evaluations").GetInt32(),
            [ReadArray(state, "win_rate_sums")], [ReadArray(state, "policy_sums")], [state.GetProperty("played_sum").GetDouble()]);
        _dgLast = state.GetProperty("dg_last").GetDouble();
        _klStep = state.GetProperty("kl_step").GetDouble();
        _entropy = state.GetProperty("entropy").GetDouble();
        _loss = state.GetProperty("regression_loss").GetDouble();
        _queries = state.GetProperty("oracle_queries").GetInt64();
        _samples = state.GetProperty("samples").GetInt64();
        _current = null;
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, double[] values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    private double[] ReadArray(JsonElement state, string name)
    {
        var values = state.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return values.Length == _space.Count
            ? values
            : throw new FormatException($"'{name}' holds {values.Length} values, the game has {_space.Count} responses");
    }

    /// <summary>Releases the trainer and the policy's native memory.</summary>
    public void Dispose()
    {
        _trainer.Dispose();
        _policy.Dispose();
    }
}
