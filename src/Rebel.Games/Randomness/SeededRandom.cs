using System.Numerics;

namespace Rebel.Games.Randomness;

/// <summary>
/// The one seeded pseudo-random generator of Rebel: xoshiro256** (Blackman and Vigna) seeded through splitmix64.
/// Every draw uses only integer operations and correctly rounded IEEE arithmetic (no library <c>log</c> or <c>cos</c>),
/// so a seed gives the same sequence bit for bit on every run, runtime and machine. The full state (<see cref="GetState"/>)
/// can be stored in a checkpoint and restored (<see cref="FromState"/>) to continue the exact same sequence.
/// Not thread-safe: give each thread its own generator (see <see cref="Fork"/>).
/// </summary>
public sealed class SeededRandom
{
    /// <summary>Number of <see cref="ulong"/> words in <see cref="GetState"/>.</summary>
    public const int StateLength = 6;

    private const double Unit = 1.0 / (1UL << 53);

    private ulong _s0, _s1, _s2, _s3;
    private bool _hasSpareGaussian;
    private double _spareGaussian;

    /// <summary>Creates a generator whose 256-bit state is four successive splitmix64 outputs from <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    private SeededRandom(ReadOnlySpan<ulong> state)
    {
        _s0 = state[0];
        _s1 = state[1];
        _s2 = state[2];
        _s3 = state[3];
        _hasSpareGaussian = state[4] != 0;
        _spareGaussian = BitConverter.UInt64BitsToDouble(state[5]);
    }

    /// <summary>
    /// Restores a generator from <see cref="GetState"/>: the xoshiro words <c>s0..s3</c>, then a flag and the bits of
    /// the spare Gaussian that <see cref="NextGaussian"/> keeps from its pairs.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong length, or the all-zero xoshiro state (which never leaves zero).</exception>
    public static SeededRandom FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateLength)
            throw new ArgumentException($"a SeededRandom state has {StateLength} words, got {state.Length}", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("the xoshiro256** state must not be all zero", nameof(state));
        return new SeededRandom(state);
    }

    /// <summary>The full state, for checkpoints; <see cref="FromState"/> continues the same sequence.</summary>
    public ulong[] GetState() =>
        [_s0, _s1, _s2, _s3, _hasSpareGaussian ? 1UL : 0UL, BitConverter.DoubleToUInt64Bits(_spareGaussian)];

    /// <summary>A new generator seeded from this one's next output: an independent stream for a sub-task.</summary>
    public SeededRandom Fork() => new(NextUInt64());

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * Unit;

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> ≤ 0.</exception>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong range = (ulong)n;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            // Reject the few low words that would over-represent some results: threshold = 2⁶⁴ mod n.
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>
    /// A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).
    /// The logarithm is computed by <see cref="PortableLog"/> so the value is identical on every machine.
    /// </summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * PortableLog(s) / s);
        _spareGaussian = v * factor;
        _hasSpareGaussian = true;
        return u * factor;
    }

    /// <summary>
    /// Natural logarithm of a positive finite double from + − × ÷ only (each correctly rounded by IEEE 754), so it is
    /// bit-identical everywhere, unlike the platform's libm. x = m·2ᵉ with m in [√½, √2), then
    /// ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172; the odd series to s²³ leaves a relative error below 1e-17.
    /// </summary>
    internal static double PortableLog(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first.
            return PortableLog(x * 18014398509481984.0) - 54 * Ln2;
        }
        int e = exponent - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }
        double s = (m - 1) / (m + 1);
        double s2 = s * s;
        double series = 0;
        for (int k = 23; k >= 3; k -= 2)
            series = (series + 1.0 / k) * s2;
        return e * Ln2 + 2 * s * (1 + series);
    }

    private const double Ln2 = 0.693147180559945309417232121458;
    private const double Sqrt2 = 1.41421356237309504880168872421;

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
