using Rebel.Games;
using Rebel.Preference;
using Rebel.Preference.Algorithms;

namespace CustomAlgorithm;

/// <summary>
/// Hedge with a step that needs no horizon: <c>log π_{t+1} = log π_t + η_t · P π_t</c> with
/// <c>η_t = η sqrt(ln n / (t + 1))</c>. <see cref="TabularSelfPlay"/> supplies the exact win rates, the metrics
/// (duality gaps, regret, KL) and the checkpoint of the policy; the algorithm only writes the next logits.
/// </summary>
public sealed class AnytimeHedge : TabularSelfPlay
{
    private readonly double _eta;

    public AnytimeHedge(TabularGame game, double eta)
        : base(game) => _eta = eta;

    public override string Name => "anytime-hedge";

    protected override void Update(double[][] next)
    {
        for (int c = 0; c < next.Length; c++)
        {
            double step = _eta * Math.Sqrt(Math.Log(Game.Contexts[c].Count) / (Iteration + 1));
            var log = LogPolicy(c);
            var winRates = WinRates(c);
            for (int i = 0; i < next[c].Length; i++)
                next[c][i] = log[i] + step * winRates[i];
        }
    }
}
