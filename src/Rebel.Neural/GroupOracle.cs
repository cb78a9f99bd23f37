using Rebel.Preference.Oracles;

namespace Rebel.Neural;

/// <summary>
/// The oracle the shared <c>SelfPlaySampler</c> queries for one group of generated responses: context x is the prompt,
/// its responses <c>0 … K−1</c> are the group's K samples (<see cref="Bind"/>), and each pair is answered by the
/// trainer's <see cref="PromptOracle"/> on their tokens.
/// </summary>
internal sealed class GroupOracle(PromptOracle oracle, int prompts, int samples) : PreferenceOracle
{
    private long[] _tokens = [];
    private int _first, _length;

    /// <summary>Makes the K samples from row <paramref name="first"/> of <paramref name="tokens"/> (rows of <paramref name="length"/>) the responses.</summary>
    public void Bind(long[] tokens, int first, int length) => (_tokens, _first, _length) = (tokens, first, length);

    /// <inheritdoc/>
    public override int ContextCount => prompts;

    /// <inheritdoc/>
    public override int ResponseCount(int context) => samples;

    /// <inheritdoc/>
    public override double Probability(int context, int a, int b) => oracle(context, Row(a), Row(b));

    private ReadOnlySpan<long> Row(int sample) => _tokens.AsSpan((_first + sample) * _length, _length);
}
