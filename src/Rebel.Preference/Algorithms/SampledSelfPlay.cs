using System.Text.Json;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;
using Rebel.Preference.Utils;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// A tabular self-play algorithm that learns from sampled oracle queries: each iteration it runs the
/// <see cref="SelfPlaySampler"/> on every context in order (right after the context is played, while its matrix is
/// in cache), with one seeded generator for the whole run, and hands each context's batch to <see cref="Learn"/>. Reports <c>oracle_queries</c> (cumulative) and <c>samples</c>
/// (this iteration) and checkpoints the generator and the query count.
/// </summary>
public abstract class SampledSelfPlay : TabularSelfPlay
{
    private readonly TabularOracle _oracle;
    private readonly SelfPlaySampler _sampler;
    private readonly SelfPlayBatch _batch;
    private int _samples;

    /// <summary>Creates the sampler over <paramref name="game"/> with the shared options and the run's seed.</summary>
    protected SampledSelfPlay(TabularGame game, ulong seed, SelfPlayOptions shared)
        : base(game)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _oracle = new TabularOracle(game);
        _sampler = new SelfPlaySampler(_oracle, shared, shared.Offline is null ? null : OfflineDistribution.Load(shared.Offline, game));
        _batch = _sampler.CreateBatch();
        Random = new SeededRandom(seed);
    }

    /// <summary>The run's generator (sampling, feedback, and any shuffling the learner does).</summary>
    protected SeededRandom Random { get; private set; }

    /// <summary>Most samples a batch holds (K, or the largest response set with <c>--samples all</c>).</summary>
    protected int BatchCapacity => _batch.Capacity;

    /// <summary>Called once per iteration before the contexts are sampled.</summary>
    protected virtual void Begin()
    {
    }

    /// <summary>Learns from context <paramref name="context"/>'s batch; may write the context's next logits.</summary>
    protected abstract void Learn(int context, SelfPlayBatch batch, Span<double> next);

    /// <summary>Called once per iteration after every context was learned from; writes whatever logits are still due.</summary>
    protected virtual void End(double[][] next)
    {
    }

    /// <inheritdoc/>
    protected sealed override void BeginIteration()
    {
        _samples = 0;
        Begin();
    }

    /// <inheritdoc/>
    protected sealed override void Played(int context, Span<double> next)
    {
        _sampler.Sample(context, Policy(context), Random, _batch);
        _samples += _batch.Count;
        Learn(context, _batch, next);
    }

    /// <inheritdoc/>
    protected sealed override void Update(double[][] next) => End(next);

    /// <inheritdoc/>
    protected override void AddExtras(List<KeyValuePair<string, double>> extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        extras.Add(new("oracle_queries", _oracle.Queries));
        extras.Add(new("samples", _samples));
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("oracle_queries", _oracle.Queries);
        StateJson.WriteRandom(writer, "random", Random);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        _oracle.Queries = state.GetProperty("oracle_queries").GetInt64();
        Random = StateJson.ReadRandom(state, "random");
    }
}
