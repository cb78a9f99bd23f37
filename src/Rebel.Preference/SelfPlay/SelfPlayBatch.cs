namespace Rebel.Preference.SelfPlay;

/// <summary>
/// One context's self-play data of one iteration: the sampled responses, their leave-one-out win rates
/// <c>r̂</c>, the importance-weighted estimates <c>r̃</c> of every response, the queried outcomes between samples and
/// the regression pairs. Buffers are sized once and reused for
/// every context, so sampling allocates nothing per context.
/// </summary>
public sealed class SelfPlayBatch
{
    private double[]? _differences;

    internal SelfPlayBatch(int capacity, int maxResponses)
    {
        Capacity = capacity;
        Estimates = new double[maxResponses];
        Responses = new int[capacity];
        WinRates = new double[capacity];
        Outcomes = new double[capacity * capacity];
        int pairs = capacity * (capacity - 1) / 2;
        RowA = new int[Math.Max(1, pairs)];
        RowB = new int[Math.Max(1, pairs)];
    }

    internal int Capacity { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; internal set; }

    /// <summary>Number of regression pairs.</summary>
    public int RowCount { get; internal set; }

    internal int[] Responses { get; }

    internal double[] WinRates { get; }

    /// <summary>Row-major <c>Capacity × Capacity</c> outcomes between samples; NaN where the pair was not queried.</summary>
    internal double[] Outcomes { get; }

    /// <summary>
    /// Row-major <c>Capacity × Capacity</c> estimates of <c>r(y_i) − r(y_j)</c> of a group of generated responses
    /// (<see cref="SelfPlaySampler.SampleGroup"/>); NaN where a sample has no estimate. Taken on first use: a tabular
    /// batch never needs it, and at K = 10,000 it would be as large as the outcomes.
    /// </summary>
    internal double[] Differences => _differences ??= new double[Capacity * Capacity];

    /// <summary>The importance-weighted estimates <c>r̃(y)</c> of every response of the context (see <see cref="Estimate"/>).</summary>
    internal double[] Estimates { get; }

    internal int[] RowA { get; }

    internal int[] RowB { get; }

    /// <summary>The response index of sample <paramref name="i"/>.</summary>
    public int Response(int i) => Responses[i];

    /// <summary>The estimated win rate <c>r̂</c> of sample <paramref name="i"/> against <c>π_t</c>; NaN if it was never compared.</summary>
    public double WinRate(int i) => WinRates[i];

    /// <summary>The feedback of sample <paramref name="i"/> against sample <paramref name="j"/> (probability or 0/1); NaN if not queried.</summary>
    public double Outcome(int i, int j) => Outcomes[i * Capacity + j];

    /// <summary>
    /// The importance-weighted estimate <c>r̃(y)</c> of response <paramref name="response"/>'s win rate against the
    /// opponents' policy (docs/sampled-self-play.md): unbiased for every response of the context, sampled or not.
    /// </summary>
    public double Estimate(int response) => Estimates[response];

    /// <summary>
    /// The estimate of <c>r(y_i) − r(y_j)</c>, the REBEL target of samples <paramref name="i"/> and <paramref name="j"/>
    /// of a group of generated responses (<see cref="SelfPlaySampler.SampleGroup"/>).
    /// </summary>
    public double Difference(int i, int j) => Differences[i * Capacity + j];

    /// <summary>The sample indices <c>(i, j)</c> of regression pair <paramref name="row"/>.</summary>
    public (int I, int J) Row(int row) => (RowA[row], RowB[row]);

    /// <summary>The REBEL target of pair <paramref name="row"/>: <c>r̂(y_i) − r̂(y_j)</c>.</summary>
    public double Target(int row) => WinRates[RowA[row]] - WinRates[RowB[row]];
}
