using System.Text.Json;
using Rebel.Games;
using Rebel.Preference.Fitting;
using Rebel.Preference.Json;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;
using Rebel.Preference;

namespace Rebel.Preference.Algorithms;

/// <summary>
/// Bradley–Terry RLHF (<c>--algo bt-rlhf</c>): pool every pairwise outcome queried so far, fit a BT reward s by
/// maximum likelihood, and take the exact KL-regularised RL step <c>π ∝ π_ref exp(s/β)</c>. A BT reward is a
/// utility, so on an intransitive game this converges to a wrong policy for every β — the baseline that general
/// preference methods are measured against.
/// </summary>
public sealed class BtRlhfAlgorithm : SampledSelfPlay
{
    private readonly double[][] _wins;
    private readonly double[][] _scores;

    /// <summary>Creates BT-RLHF with KL strength and BT ridge from <paramref name="options"/>, seeded by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">β or the ridge not positive and finite.</exception>
    public BtRlhfAlgorithm(TabularGame game, ulong seed, SelfPlayOptions shared, BtRlhfOptions options, IPreferenceOracle? oracle = null)
        : base(game, seed, shared, oracle: oracle)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (Beta, Ridge) = (options.Beta, options.Ridge);
        _wins = game.Contexts.Select(c => new double[c.Count * c.Count]).ToArray();
        _scores = game.Contexts.Select(c => new double[c.Count]).ToArray();
    }

    /// <inheritdoc/>
    public override string Name => "bt-rlhf";

    /// <summary>The KL strength β.</summary>
    public double Beta { get; }

    /// <summary>The BT ridge λ.</summary>
    public double Ridge { get; }

    /// <summary>The current BT utilities of context <paramref name="context"/> (a copy).</summary>
    public double[] Utilities(int context) => (double[])_scores[context].Clone();

    /// <inheritdoc/>
    protected override void Learn(int context, Span<double> next)
    {
        var batch = Sample(context);
        var wins = _wins[context];
        int n = _scores[context].Length;
        for (int i = 0; i < batch.Count; i++)
        {
            for (int j = i + 1; j < batch.Count; j++)
            {
                double o = batch.Outcome(i, j);
                int a = batch.Response(i), b = batch.Response(j);
                if (double.IsNaN(o) || a == b)
                    continue;
                wins[a * n + b] += o;
                wins[b * n + a] += 1 - o;
            }
        }
        var scores = BradleyTerryFit.Fit(wins, n, Ridge, _scores[context]);
        scores.CopyTo(_scores[context], 0);
        var reference = ReferenceLog(context);
        for (int y = 0; y < n; y++)
            next[y] = reference[y] + scores[y] / Beta;
    }

    /// <inheritdoc/>
    protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        StateJson.WriteJagged(writer, "wins", _wins);
        StateJson.WriteJagged(writer, "bt_utilities", _scores);
    }

    /// <inheritdoc/>
    protected override void ReadState(JsonElement state)
    {
        base.ReadState(state);
        var wins = state.GetProperty("wins").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var scores = StateJson.ReadJagged(state, "bt_utilities", Game);
        for (int c = 0; c < _wins.Length; c++)
        {
            if (wins.Length != _wins.Length || wins[c].Length != _wins[c].Length)
                throw new FormatException($"checkpoint field 'wins' does not match the game's response sets (context {c})");
            wins[c].CopyTo(_wins[c], 0);
            scores[c].CopyTo(_scores[c], 0);
        }
    }
}
